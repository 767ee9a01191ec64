using Microsoft.AspNetCore.Antiforgery;

namespace Tally.Web.Infrastructure.Identity;

/// <summary>
/// Antiforgery for form posts that bind no form field (sign out, revoke): minimal APIs check the
/// token only when a handler reads [FromForm] values, so these check it themselves.
/// </summary>
internal static class AntiforgeryFilter
{
    public static TBuilder RequireAntiforgery<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
        {
            var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The form has expired or did not come from this site. Reload the page and try again.");
            }
            return await next(context);
        });
}
