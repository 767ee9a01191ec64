using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Tally.Data.Seeding;
using Tally.Tests.Web;
using Tally.Web.Features.Identity;

namespace Tally.Tests.Identity;

public sealed class SignInTests(IdentityWebFactory app) : IClassFixture<IdentityWebFactory>
{
    [Fact]
    public async Task SignIn_DemoOwner_RedirectsToLeadsWithHttpOnlyCookie()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await HtmlForms.SignInAsync(client, TestSignIn.AuroraOwner, DemoSeeder.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location?.Host);
        Assert.Equal("/dashboard", response.Headers.Location?.PathAndQuery);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tally=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/leads")).StatusCode);
    }

    [Fact]
    public async Task SignIn_EmailInOtherCase_SignsIn()
    {
        var client = await TestSignIn.SignInAsync(app, "Owner@Aurora-Studio.TEST");

        Assert.Contains(TestSignIn.AuroraOwner, await client.GetStringAsync("/leads"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_Returns400WithRefusal()
    {
        var response = await HtmlForms.SignInAsync(app.CreateClient(), TestSignIn.AuroraBookkeeper, "not the password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(TeamSignIn.Refusal, HtmlForms.Alert(html));
        Assert.DoesNotContain("Set-Cookie", response.Headers.ToString(), StringComparison.OrdinalIgnoreCase);
        // The address stays in the form; the password never comes back.
        Assert.Contains($"value=\"{TestSignIn.AuroraBookkeeper}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownEmailAndWrongPassword_AnswerAlike()
    {
        var unknown = await HtmlForms.SignInAsync(app.CreateClient(), "nobody@aurora-studio.test", "whatever-password");
        var wrong = await HtmlForms.SignInAsync(app.CreateClient(), TestSignIn.NorthLightOwner, "whatever-password");
        var malformed = await HtmlForms.SignInAsync(app.CreateClient(), "not an address", "whatever-password");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(unknown.StatusCode, malformed.StatusCode);
        Assert.Equal(TeamSignIn.Refusal, HtmlForms.Alert(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(TeamSignIn.Refusal, HtmlForms.Alert(await wrong.Content.ReadAsStringAsync()));
        Assert.Equal(TeamSignIn.Refusal, HtmlForms.Alert(await malformed.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/leads?status=won", "/leads?status=won")]
    [InlineData("/team", "/team")]
    [InlineData("//evil.example/phish", "/dashboard")]
    [InlineData("/\\evil.example", "/dashboard")]
    [InlineData("https://evil.example/", "/dashboard")]
    public async Task SignIn_ReturnUrl_FollowedOnlyWithinTheSite(string returnUrl, string expected)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await HtmlForms.SubmitAsync(client, $"/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "signin",
            ("Input.Email", TestSignIn.AuroraOwner), ("Input.Password", DemoSeeder.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Blazor writes the redirect absolute: it must stay on this site.
        Assert.Equal("localhost", response.Headers.Location?.Host);
        Assert.Equal(expected, response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_Returns400AndNoCookie()
    {
        using var content = new FormUrlEncodedContent([
            new("_handler", "signin"), new("Input.Email", TestSignIn.AuroraOwner), new("Input.Password", DemoSeeder.Password)]);

        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).PostAsync("/signin", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("tally=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_AddressInTwoStudios_SignsInWhereThePasswordMatches()
    {
        const string email = "two-studios@example.com";
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "admin", "aurora password 123");
        await TeamData.CreateMemberAsync(app.Database, "north-light", email, "staff", "north light password 456");

        var aurora = await TestSignIn.SignInAsync(app, email, "aurora password 123");
        var northLight = await TestSignIn.SignInAsync(app, email, "north light password 456");

        Assert.Contains("Aurora Studio", await aurora.GetStringAsync("/leads"), StringComparison.Ordinal);
        Assert.Contains("North Light", await northLight.GetStringAsync("/leads"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_SamePasswordInTwoStudios_SignsInToTheFirstBySlug()
    {
        const string email = "same-everywhere@example.com";
        await TeamData.CreateMemberAsync(app.Database, "north-light", email, "admin");
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "admin");

        var client = await TestSignIn.SignInAsync(app, email, TeamData.Password);

        Assert.Contains("Aurora Studio", await client.GetStringAsync("/leads"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_Post_EndsTheSession()
    {
        var client = await TestSignIn.SignInAsync(app, TestSignIn.AuroraOwner);
        var leads = await client.GetStringAsync("/leads");

        var response = await HtmlForms.PostAsync(client, leads, "/signout", "/signout");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/signin", response.RequestMessage?.RequestUri?.AbsolutePath);
        Assert.Contains("You have signed out.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await client.GetAsync("/leads");
        Assert.Equal("/signin", after.RequestMessage?.RequestUri?.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_PostWithoutAntiforgeryToken_Returns400AndKeepsTheSession()
    {
        var client = await TestSignIn.SignInAsync(app, TestSignIn.AuroraOwner);

        using var content = new FormUrlEncodedContent([]);
        var response = await client.PostAsync("/signout", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/leads")).StatusCode);
    }

    [Fact]
    public async Task SignOutPage_Get_OffersAButtonAndDoesNotSignOut()
    {
        var client = await TestSignIn.SignInAsync(app, TestSignIn.AuroraOwner);

        var html = await client.GetStringAsync("/signout");

        Assert.Contains("<form class=\"account-form\" method=\"post\" action=\"/signout\">", html, StringComparison.Ordinal);
        Assert.Equal("/leads", (await client.GetAsync("/leads")).RequestMessage?.RequestUri?.AbsolutePath);
    }
}
