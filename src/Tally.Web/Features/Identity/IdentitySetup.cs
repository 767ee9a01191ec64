using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Identity;

/// <summary>Team sign-in, sessions, password reset, invitations and the team page: services and endpoints.</summary>
internal static class IdentitySetup
{
    public static IServiceCollection AddTallyIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TeamSignInOptions>(configuration.GetSection(TeamSignInOptions.Section));
        services.AddSingleton<TeamPasswords>();
        services.AddSingleton<TeamSignIn>();
        services.AddSingleton<PasswordResets>();
        services.AddSingleton<TeamInvitations>();
        services.AddTeamSessionValidation();
        services.AddSignInThrottle();
        services.AddAuthorizationBuilder()
            .AddPolicy(TeamPermissions.ManagersPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => TeamPermissions.CanManageTeam(c.User)));
        return services;
    }

    public static IEndpointRouteBuilder MapTallyIdentity(this IEndpointRouteBuilder app)
    {
        // The page at /signout (GET) asks; this answers its form, and the header's sign-out button.
        app.MapPost("/signout", SignOutAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Ends the session. Binding the form makes ASP.NET Core check its antiforgery token, so another
    /// site cannot sign a person out; a post without one is a 400.
    /// </summary>
    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext http, [FromForm] IFormCollection form)
    {
        _ = form;
        await http.SignOutAsync(TallyAuthentication.Cookie);
        return TypedResults.Redirect("/signin?signedout=1");
    }
}
