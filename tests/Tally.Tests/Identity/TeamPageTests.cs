using System.Net;
using Tally.Tests.Web;

namespace Tally.Tests.Identity;

public sealed class TeamPageTests(IdentityWebFactory app) : IClassFixture<IdentityWebFactory>
{
    [Fact]
    public async Task TeamPage_Owner_ListsMembersWithRoleAndStatus()
    {
        var html = await (await app.CreateSignedInClientAsync()).GetStringAsync("/team");

        Assert.Contains($"data-member=\"{TestSignIn.AuroraStaff}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-member=\"{TestSignIn.AuroraBookkeeper}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("north-light.test", html, StringComparison.Ordinal);
        Assert.Contains("<label class=\"visually-hidden\"", html, StringComparison.Ordinal);
        Assert.Contains(">You<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamPage_ChangeRole_GivesTheRoleAndItsPermissions()
    {
        const string email = "climbing@aurora-studio.test";
        var id = await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        var member = await TestSignIn.SignInAsync(app, email, TeamData.Password);
        var owner = await app.CreateSignedInClientAsync();
        var page = await owner.GetStringAsync("/team");

        var response = await HtmlForms.PostAsync(owner, page, "/team", $"role-{id}", ("Member.Role", "admin"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is now Admin", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await TeamData.ScalarAsync<bool>(app.Database, "SELECT role = 'admin' AND can_manage_team FROM admin_users WHERE id = $1", id));
        // The member's own session follows at once.
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/team")).StatusCode);
    }

    [Fact]
    public async Task TeamPage_Deactivate_EndsTheMembersSessionAndReactivateRestoresSignIn()
    {
        const string email = "paused@aurora-studio.test";
        var id = await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        var member = await TestSignIn.SignInAsync(app, email, TeamData.Password);
        var owner = await app.CreateSignedInClientAsync();

        var deactivated = await HtmlForms.PostAsync(owner, await owner.GetStringAsync("/team"), "/team", $"active-{id}");

        Assert.Contains("is deactivated", await deactivated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/signin", (await member.GetAsync("/leads")).RequestMessage?.RequestUri?.AbsolutePath);

        var reactivated = await HtmlForms.PostAsync(owner, await owner.GetStringAsync("/team"), "/team", $"active-{id}");

        Assert.Contains("can sign in again", await reactivated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await TestSignIn.SignInAsync(app, email, TeamData.Password);
    }

    [Fact]
    public async Task TeamPage_OwnRow_HasNoForms()
    {
        var ownerId = await TeamData.ScalarAsync<Guid>(app.Database, "SELECT id FROM admin_users WHERE email = $1", TestSignIn.AuroraOwner);

        var html = await (await app.CreateSignedInClientAsync()).GetStringAsync("/team");

        Assert.DoesNotContain($"value=\"role-{ownerId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"active-{ownerId}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamPage_AdminCannotTouchTheOwner()
    {
        const string admin = "second-in-command@aurora-studio.test";
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", admin, "admin");
        var ownerId = await TeamData.ScalarAsync<Guid>(app.Database, "SELECT id FROM admin_users WHERE email = $1", TestSignIn.AuroraOwner);
        var client = await TestSignIn.SignInAsync(app, admin, TeamData.Password);

        var html = await client.GetStringAsync("/team");

        Assert.DoesNotContain($"value=\"active-{ownerId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"owner\"", html, StringComparison.Ordinal);
    }
}
