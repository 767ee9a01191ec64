using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tally.Tests.Web;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Tests.Security;

/// <summary>
/// The web app over the demo studios plus what the HTTP security tests need (<see cref="HttpWorld"/>):
/// an admin in each studio, two portal clients of studio A, tokens. Mail is read from SentMail.
/// </summary>
public class HttpSecurityFactory : TallyWebFactory
{
    public HttpWorld World { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        World = await HttpWorld.ArrangeAsync(Database.OwnerConnectionString);
    }

    // Hundreds of form posts come from one test "address"; the throttle has tests of its own.
    protected override void AddSettings(IDictionary<string, string?> settings) =>
        settings["Tally:SignIn:IpPermitLimit"] = "1000000";

    /// <summary>A client that neither follows redirects nor keeps cookies: each request says who it is.</summary>
    public HttpClient Raw() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// The Cookie header of a signed-in session of this principal, made with the app's own cookie
    /// protection, so the app validates it as it validates any cookie it issued (team cookies are
    /// checked against auth.team_session on every request, client cookies against their portal access).
    /// </summary>
    public string CookieFor(ClaimsPrincipal principal)
    {
        var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(TallyAuthentication.Cookie);
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, TallyAuthentication.Cookie);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }
}
