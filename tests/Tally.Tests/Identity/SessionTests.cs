using System.Net;
using Tally.Tests.Web;
using Tally.Web.Features.Identity;

namespace Tally.Tests.Identity;

/// <summary>A session is checked against the database on every request, and its cookie cannot be forged.</summary>
public sealed class SessionTests(IdentityWebFactory app) : IClassFixture<IdentityWebFactory>
{
    [Fact]
    public async Task Cookie_Tampered_IsRefused()
    {
        var value = await SessionCookieAsync(TestSignIn.AuroraOwner);
        // Flip one character in the middle of the protected payload.
        var middle = value.Length / 2;
        var tampered = value[..middle] + (value[middle] == 'A' ? 'B' : 'A') + value[(middle + 1)..];
        var client = TestSignIn.CreateClientWithCookie(app, tampered);

        var api = await client.GetAsync("/api/v1/studios");
        var page = await client.GetAsync("/leads");

        await WebAssert.ProblemAsync(api, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        // The untampered cookie still works: the refusal was the tampering.
        Assert.Equal(HttpStatusCode.OK, (await TestSignIn.CreateClientWithCookie(app, value).GetAsync("/api/v1/studios")).StatusCode);
    }

    [Fact]
    public async Task Cookie_ForgedWithoutTheAppsKeys_IsRefused()
    {
        // A cookie of the right shape, made by anyone who does not hold the app's data protection keys.
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("""{"sub":"x","tally_role":"owner"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var response = await TestSignIn.CreateClientWithCookie(app, "CfDJ8" + forged).GetAsync("/api/v1/studios");

        await WebAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Cookie_OfDeactivatedMember_StopsWorkingAtOnce()
    {
        const string email = "leaving@aurora-studio.test";
        var id = await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        var value = await SessionCookieAsync(email, TeamData.Password);
        var client = TestSignIn.CreateClientWithCookie(app, value);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/leads")).StatusCode);

        await TeamData.ExecuteAsync(app.Database, "UPDATE admin_users SET is_active = false WHERE id = $1", id);

        var page = await client.GetAsync("/leads");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        await WebAssert.ProblemAsync(await client.GetAsync("/api/v1/studios"), HttpStatusCode.Unauthorized);
        // Nor can they sign in again.
        var again = await HtmlForms.SignInAsync(app.CreateClient(), email, TeamData.Password);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(TeamSignIn.Refusal, HtmlForms.Alert(await again.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Cookie_RoleChanged_TakesEffectOnTheNextRequest()
    {
        const string email = "promoted@aurora-studio.test";
        var id = await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        var client = await TestSignIn.SignInAsync(app, email, TeamData.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/team")).StatusCode);

        await TeamData.ExecuteAsync(app.Database, "UPDATE admin_users SET role = 'admin', can_manage_team = true WHERE id = $1", id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/team")).StatusCode);

        await TeamData.ExecuteAsync(app.Database, "UPDATE admin_users SET role = 'bookkeeper', can_manage_team = false WHERE id = $1", id);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/team")).StatusCode);
    }

    [Fact]
    public async Task Cookie_SecurityStampChanged_StopsWorking()
    {
        const string email = "stamped@aurora-studio.test";
        var id = await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "admin");
        var client = TestSignIn.CreateClientWithCookie(app, await SessionCookieAsync(email, TeamData.Password));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/studios")).StatusCode);

        await TeamData.ExecuteAsync(app.Database, "UPDATE admin_users SET security_stamp = gen_random_uuid() WHERE id = $1", id);

        await WebAssert.ProblemAsync(await client.GetAsync("/api/v1/studios"), HttpStatusCode.Unauthorized);
    }

    /// <summary>Signs in through the form and returns the value of the tally cookie the app set.</summary>
    private async Task<string> SessionCookieAsync(string email, string password = Tally.Data.Seeding.DemoSeeder.Password)
    {
        var cookies = new CookieContainer();
        (await TestSignIn.SignInAsync(app, email, password, cookies)).Dispose();
        return cookies.GetAllCookies().Single(c => c.Name == "tally").Value;
    }
}
