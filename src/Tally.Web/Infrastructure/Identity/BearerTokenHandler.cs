using System.Security.Claims;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using Tally.Data.Security;

namespace Tally.Web.Infrastructure.Identity;

/// <summary>
/// Personal access tokens sent as `Authorization: Bearer tly_…`. The token's SHA-256 is looked up
/// by auth.authenticate_api_token (a SECURITY DEFINER function: nobody is signed in yet, so row-level
/// security would hide the row), which also refuses revoked and expired tokens, deactivated members
/// and roles the member no longer holds, and records the use at most once a minute.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, NpgsqlDataSource dataSource)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The id of the token a bearer principal authenticated with (audit, revocation).</summary>
    public const string TokenIdClaim = "token_id";

    private const string Refused = "The access token is malformed, unknown, expired or revoked.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        // A malformed token cannot match a hash: refuse it without a round trip.
        if (!AccessTokens.IsWellFormed(token))
        {
            return AuthenticateResult.Fail(Refused);
        }
        var found = await LookUpAsync(AccessTokens.Hash(token), Context.RequestAborted);
        if (found is not { } t)
        {
            Logger.LogInformation("Refused a bearer token with prefix {Prefix}", AccessTokens.DisplayPrefix(token));
            return AuthenticateResult.Fail(Refused);
        }
        List<Claim> claims =
        [
            new(TallyClaimTypes.UserId, t.UserId.ToString()),
            new(TallyClaimTypes.Email, t.Email),
            new(TallyClaimTypes.Role, t.Role),
            new(TallyClaimTypes.StudioId, t.StudioId.ToString()),
            new(TokenIdClaim, t.TokenId.ToString()),
        ];
        foreach (var (permission, held) in new[] { ("can_view_analytics", t.CanViewAnalytics), ("can_manage_payments", t.CanManagePayments), ("can_manage_team", t.CanManageTeam) })
        {
            if (held)
            {
                claims.Add(new(TallyClaimTypes.Permission, permission));
            }
        }
        var identity = new ClaimsIdentity(claims, Scheme.Name, TallyClaimTypes.Email, TallyClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>RFC 6750: 401 with WWW-Authenticate naming the error, and a ProblemDetails body.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null
            ? "Bearer realm=\"tally\""
            : $"Bearer realm=\"tally\", error=\"invalid_token\", error_description=\"{Refused}\"";
        await ErrorPages.WriteProblemAsync(Context, new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = result.Failure is null ? "Send a personal access token: Authorization: Bearer tly_…" : Refused,
        });
    }

    private async Task<TokenIdentity?> LookUpAsync(string hash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TokenIdentity>(new CommandDefinition("""
            SELECT token_id AS tokenid, studio_id AS studioid, user_id AS userid, email, role,
                   can_view_analytics AS canviewanalytics, can_manage_payments AS canmanagepayments, can_manage_team AS canmanageteam
            FROM auth.authenticate_api_token(@hash)
            """, new { hash }, cancellationToken: ct));
    }

    private sealed record TokenIdentity(
        Guid TokenId, Guid StudioId, Guid UserId, string Email, string Role, bool CanViewAnalytics, bool CanManagePayments, bool CanManageTeam);
}
