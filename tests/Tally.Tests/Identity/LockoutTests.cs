using System.Net;
using Tally.Tests.Web;
using Tally.Web.Features.Identity;

namespace Tally.Tests.Identity;

/// <summary>Repeated wrong passwords lock the account, whatever address the attempts come from.</summary>
public sealed class LockoutTests(IdentityWebFactory app) : IClassFixture<IdentityWebFactory>
{
    [Fact]
    public async Task WrongPasswords_FiveInARow_LockTheAccountAndRefuseTheRightOne()
    {
        const string email = "guessed@aurora-studio.test";
        var id = await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "admin");
        var unknown = await HtmlForms.SignInAsync(app.CreateClient(), "never-existed@aurora-studio.test", "guess");
        var unknownAnswer = HtmlForms.Alert(await unknown.Content.ReadAsStringAsync());

        for (var i = 1; i <= 5; i++)
        {
            var wrong = await HtmlForms.SignInAsync(app.CreateClient(), email, $"guess number {i}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
        var locked = await HtmlForms.SignInAsync(app.CreateClient(), email, TeamData.Password);

        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        // Locked reads exactly like an unknown address or a wrong password.
        Assert.Equal(TeamSignIn.Refusal, HtmlForms.Alert(await locked.Content.ReadAsStringAsync()));
        Assert.Equal(unknownAnswer, HtmlForms.Alert(await locked.Content.ReadAsStringAsync()));
        var lockedFor = await TeamData.ScalarAsync<TimeSpan>(app.Database, "SELECT locked_until - now() FROM admin_users WHERE id = $1", id);
        Assert.InRange(lockedFor, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task WrongPasswords_FourThenRightOne_SignsInAndClearsTheCount()
    {
        const string email = "almost@aurora-studio.test";
        var id = await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");

        for (var i = 1; i <= 4; i++)
        {
            await HtmlForms.SignInAsync(app.CreateClient(), email, $"guess number {i}");
        }
        Assert.Equal(4, await TeamData.ScalarAsync<int>(app.Database, "SELECT failed_sign_in_count FROM admin_users WHERE id = $1", id));
        await TestSignIn.SignInAsync(app, email, TeamData.Password);

        Assert.Equal(0, await TeamData.ScalarAsync<int>(app.Database, "SELECT failed_sign_in_count FROM admin_users WHERE id = $1", id));
    }

    [Fact]
    public async Task Lockout_Over_RightPasswordSignsInAgain()
    {
        const string email = "waited@aurora-studio.test";
        var id = await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        for (var i = 1; i <= 5; i++)
        {
            await HtmlForms.SignInAsync(app.CreateClient(), email, $"guess number {i}");
        }

        // Fifteen minutes later, as far as the account is concerned.
        await TeamData.ExecuteAsync(app.Database, "UPDATE admin_users SET locked_until = now() - interval '1 second' WHERE id = $1", id);

        await TestSignIn.SignInAsync(app, email, TeamData.Password);
    }

    [Fact]
    public async Task Lockout_FailuresDuringTheLock_DoNotExtendIt()
    {
        const string email = "hammered@aurora-studio.test";
        var id = await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        for (var i = 1; i <= 5; i++)
        {
            await HtmlForms.SignInAsync(app.CreateClient(), email, $"guess number {i}");
        }
        var lockedUntil = await TeamData.ScalarAsync<DateTime>(app.Database, "SELECT locked_until FROM admin_users WHERE id = $1", id);

        for (var i = 1; i <= 6; i++)
        {
            await HtmlForms.SignInAsync(app.CreateClient(), email, $"more guesses {i}");
        }

        Assert.Equal(lockedUntil, await TeamData.ScalarAsync<DateTime>(app.Database, "SELECT locked_until FROM admin_users WHERE id = $1", id));
    }
}
