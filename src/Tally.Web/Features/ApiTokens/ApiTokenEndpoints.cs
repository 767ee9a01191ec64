using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Data.Security;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.ApiTokens;

/// <summary>The settings page's form posts: create a token (shown once, in the answer) and revoke one.</summary>
internal static class ApiTokenEndpoints
{
    public static IEndpointRouteBuilder MapApiTokens(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/settings/tokens").RequireAuthorization(TallyAuthentication.Team).ExcludeFromDescription();
        group.MapPost("/", CreateToken);
        group.MapPost("/{id:guid}/revoke", RevokeToken).RequireAntiforgery();
        return app;
    }

    public static async Task<Results<RazorComponentResult<TokenCreatedDocument>, RedirectHttpResult, ProblemHttpResult>> CreateToken(
        [FromForm(Name = "name")] string? name, [FromForm(Name = "role")] string? role, [FromForm(Name = "lifetime")] string? lifetime,
        TallyDb db, HttpContext http, CancellationToken ct)
    {
        // A token must not mint tokens: one leaked token would otherwise outlive its own revocation.
        if (http.User.HasClaim(c => c.Type == BearerTokenHandler.TokenIdClaim))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Tokens are made by a signed-in person, not by another token.");
        }
        var claims = db.Claims;
        if (ApiTokenForm.Problem(claims, name, role, lifetime) is { } problem)
        {
            return TypedResults.Redirect("/settings/tokens?problem=" + problem);
        }
        var conn = await db.ConnectionAsync(ct);
        var token = await AccessTokens.CreateAsync(conn, null, claims.StudioId!.Value, claims.UserId!.Value, name!, role!, ApiTokenForm.ExpiresAt(lifetime), ct);
        // The only time the secret exists outside the client: never cached, never stored.
        http.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<TokenCreatedDocument>(new { Token = token });
    }

    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> RevokeToken(Guid id, TallyDb db, CancellationToken ct) =>
        await ApiTokenQueries.RevokeAsync(db, id, ct)
            ? TypedResults.Redirect("/settings/tokens?revoked=1")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no active token of yours with that id.");
}
