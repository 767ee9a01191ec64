using System.Net;
using Microsoft.Playwright;
using Tally.Data.Seeding;
using Tally.Tests.Web;

namespace Tally.Browser.Tests;

/// <summary>Signing in the way a person does: the sign-in form, typed into and submitted.</summary>
internal static class BrowserSignIn
{
    public static async Task SignInAsync(IPage page, string email = TestSignIn.AuroraOwner, string password = DemoSeeder.Password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard");
    }

    /// <summary>An HTTP client of the served app, signed in through the same form.</summary>
    public static async Task<HttpClient> HttpClientAsync(Uri baseAddress, string email = TestSignIn.AuroraOwner)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        using var response = await HtmlForms.SignInAsync(http, email, DemoSeeder.Password);
        Assert.Equal("/dashboard", response.RequestMessage?.RequestUri?.AbsolutePath);
        return http;
    }
}
