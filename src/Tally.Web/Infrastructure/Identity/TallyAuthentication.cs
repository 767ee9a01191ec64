using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Tally.Web.Infrastructure.Identity;

/// <summary>
/// One cookie for people (team members and portal clients, told apart by their role claim) and
/// bearer tokens for integrators; a policy scheme picks per request.
/// </summary>
public static class TallyAuthentication
{
    public const string Scheme = "tally";
    public const string Cookie = "tally-cookie";
    public const string Bearer = "tally-bearer";

    /// <summary>Authorization policy names.</summary>
    public const string Team = "team";
    public const string Admins = "admins";
    public const string Client = "client";

    public static IServiceCollection AddTallyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Bearer : Cookie)
            .AddCookie(Cookie, o =>
            {
                o.Cookie.Name = "tally";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/forbidden";
                // The API answers 401/403; only pages redirect to the sign-in form.
                o.Events.OnRedirectToLogin = c => ApiOrRedirect(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiOrRedirect(c, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Bearer, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Team, p => p.RequireAuthenticatedUser().RequireClaim(TallyClaimTypes.Role, [.. TallyRoles.Team]))
            .AddPolicy(Admins, p => p.RequireAuthenticatedUser().RequireClaim(TallyClaimTypes.Role, TallyRoles.Owner, TallyRoles.Admin))
            .AddPolicy(Client, p => p.RequireAuthenticatedUser().RequireClaim(TallyClaimTypes.Role, TallyRoles.Client));
        return services;
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                // RFC 6750: tell an API client without credentials which scheme to use.
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"tally\"";
            }
            return Task.CompletedTask;
        }
        // Clients sign in on the portal's own page (a one-time link), not the team's password form.
        if (status == StatusCodes.Status401Unauthorized && context.Request.Path.StartsWithSegments("/portal"))
        {
            context.Response.Redirect("/portal/signin");
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
