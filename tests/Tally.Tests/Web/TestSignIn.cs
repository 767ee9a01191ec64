using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tally.Data.Seeding;
using Tally.Web.Features.Identity;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Tests.Web;

/// <summary>Signed-in clients of an in-memory app, signed in through the real form.</summary>
public static class TestSignIn
{
    public const string AuroraOwner = "owner@aurora-studio.test";
    public const string AuroraStaff = "staff@aurora-studio.test";
    public const string AuroraBookkeeper = "bookkeeper@aurora-studio.test";
    public const string NorthLightOwner = "owner@north-light.test";

    /// <summary>A client that keeps cookies in <paramref name="cookies"/> and follows redirects.</summary>
    public static HttpClient CreateClient(WebApplicationFactory<Tally.Web.Program> app, CookieContainer cookies, bool followRedirects = true)
    {
        var handlers = new List<DelegatingHandler>();
        if (followRedirects)
        {
            handlers.Add(new RedirectHandler());
        }
        handlers.Add(new CookieContainerHandler(cookies));
        return app.CreateDefaultClient(new Uri("http://localhost"), [.. handlers]);
    }

    /// <summary>Signs in as <paramref name="email"/> and returns the client holding the session; fails the test when refused.</summary>
    public static async Task<HttpClient> SignInAsync(WebApplicationFactory<Tally.Web.Program> app, string email = AuroraOwner, string password = DemoSeeder.Password, CookieContainer? cookies = null)
    {
        var client = CreateClient(app, cookies ?? new CookieContainer());
        using var response = await HtmlForms.SignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.OK || response.RequestMessage?.RequestUri?.AbsolutePath != "/dashboard")
        {
            Assert.Fail($"sign-in as {email} failed: {(int)response.StatusCode} at {response.RequestMessage?.RequestUri}: {HtmlForms.Alert(await response.Content.ReadAsStringAsync())}");
        }
        return client;
    }

    /// <summary>
    /// The value of a team cookie the app itself would issue (protected with its keys) for this
    /// member, made without the database: for tests where signing in cannot work, or whose point is
    /// what the app does with such a cookie.
    /// </summary>
    public static string IssueCookie(WebApplicationFactory<Tally.Web.Program> app, TeamMember member)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(TallyAuthentication.Cookie);
        return options.TicketDataFormat.Protect(new AuthenticationTicket(TeamPrincipal.Create(member), TallyAuthentication.Cookie));
    }

    /// <summary>A client that sends the team cookie <paramref name="cookieValue"/> and follows no redirect.</summary>
    public static HttpClient CreateClientWithCookie(WebApplicationFactory<Tally.Web.Program> app, string cookieValue)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"tally={cookieValue}");
        return client;
    }
}
