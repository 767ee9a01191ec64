using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Tally.Web.Infrastructure.Identity;

/// <summary>
/// Re-checks a kind of signed-in person against the database on every request, chained onto the
/// cookie's other checks: the cookie lives 12 hours, far too long to trust what it says about
/// someone's access.
/// </summary>
internal static class SessionValidation
{
    public static IServiceCollection AddSessionValidation(this IServiceCollection services,
        Func<ClaimsPrincipal, bool> appliesTo, Func<CookieValidatePrincipalContext, ClaimsPrincipal, Task> validate) =>
        services.PostConfigure<CookieAuthenticationOptions>(TallyAuthentication.Cookie, options =>
        {
            var previous = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await previous(context);
                // A principal an earlier check rejected is gone; only a remaining one is checked.
                if (context.Principal is { } principal && appliesTo(principal))
                {
                    await validate(context, principal);
                }
            };
        });

    public static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(TallyAuthentication.Cookie);
    }
}
