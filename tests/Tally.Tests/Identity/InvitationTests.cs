using System.Net;
using Tally.Tests.Web;
using Tally.Web.Features.Identity.Pages;

namespace Tally.Tests.Identity;

public sealed class InvitationTests(IdentityWebFactory app) : IClassFixture<IdentityWebFactory>
{
    private const string Password = "my own new passphrase";

    [Fact]
    public async Task Invite_AcceptedLink_MakesAnActiveMemberAndSignsIn()
    {
        const string email = "new.assistant@example.com";
        var owner = await app.CreateSignedInClientAsync();

        var invited = await InviteAsync(owner, email, "staff");

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var teamPage = await invited.Content.ReadAsStringAsync();
        Assert.Contains($"Invitation sent to {email}", teamPage, StringComparison.Ordinal);
        Assert.Contains($"data-invitation=\"{email}\"", teamPage, StringComparison.Ordinal);
        var link = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/invitations/accept");
        var mail = app.SentMail.Messages.Single(m => m.To == email);
        Assert.Equal("You are invited to join Aurora Studio on Tally", mail.Subject);
        Assert.True(File.Exists(mail.FilePath), "the mail is kept as an .eml file");
        Assert.EndsWith(".eml", mail.FilePath, StringComparison.Ordinal);

        var invitee = TestSignIn.CreateClient(app, new CookieContainer());
        var page = await invitee.GetStringAsync(link);
        Assert.Contains("Join Aurora Studio", page, StringComparison.Ordinal);
        Assert.Contains(email, page, StringComparison.Ordinal);
        var accepted = await HtmlForms.PostAsync(invitee, page, link, "accept-invitation",
            ("Input.FullName", "Nova Assistant"), ("Input.Password", Password), ("Input.ConfirmPassword", Password));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("/dashboard", accepted.RequestMessage?.RequestUri?.AbsolutePath);
        Assert.Contains("Nova Assistant", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("staff", await TeamData.ScalarAsync<string>(app.Database, "SELECT role FROM admin_users WHERE email = $1 AND is_active", email));
        Assert.Equal(1L, await TeamData.ScalarAsync<long>(app.Database, "SELECT count(*) FROM admin_invitations WHERE email = $1 AND accepted_at IS NOT NULL", email));
        await TestSignIn.SignInAsync(app, email, Password);
    }

    [Fact]
    public async Task Accept_LinkUsedTwice_SecondRefused()
    {
        const string email = "once@example.com";
        await InviteAsync(await app.CreateSignedInClientAsync(), email, "bookkeeper");
        var link = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/invitations/accept");
        var client = app.CreateClient();
        var page = await client.GetStringAsync(link);

        var first = await HtmlForms.PostAsync(client, page, link, "accept-invitation",
            ("Input.FullName", "First"), ("Input.Password", Password), ("Input.ConfirmPassword", Password));
        var second = await HtmlForms.PostAsync(app.CreateClient(), page, link, "accept-invitation",
            ("Input.FullName", "Second"), ("Input.Password", "someone else's passphrase"), ("Input.ConfirmPassword", "someone else's passphrase"));
        var reopened = await app.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reopened.StatusCode);
        Assert.Equal(AcceptInvitationPage.UnusableInvitation, HtmlForms.Alert(await reopened.Content.ReadAsStringAsync()));
        Assert.Equal("First", await TeamData.ScalarAsync<string>(app.Database, "SELECT full_name FROM admin_users WHERE email = $1", email));
    }

    [Fact]
    public async Task Accept_ExpiredLink_Refused()
    {
        const string email = "too-late@example.com";
        await InviteAsync(await app.CreateSignedInClientAsync(), email, "staff");
        var link = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/invitations/accept");
        await TeamData.ExecuteAsync(app.Database,
            "UPDATE admin_invitations SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE token_hash = $1",
            Tally.Data.Security.Secrets.Hash(MailLinks.Token(link)));

        var response = await app.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(AcceptInvitationPage.UnusableInvitation, HtmlForms.Alert(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0L, await TeamData.ScalarAsync<long>(app.Database, "SELECT count(*) FROM admin_users WHERE email = $1", email));
    }

    [Fact]
    public async Task Accept_RevokedLink_Refused()
    {
        const string email = "withdrawn@example.com";
        var owner = await app.CreateSignedInClientAsync();
        var invited = await InviteAsync(owner, email, "staff");
        var link = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/invitations/accept");
        var id = await TeamData.ScalarAsync<Guid>(app.Database, "SELECT id FROM admin_invitations WHERE email = $1 AND revoked_at IS NULL", email);
        var client = app.CreateClient();
        var acceptPage = await client.GetStringAsync(link);

        var revoked = await HtmlForms.PostAsync(owner, await invited.Content.ReadAsStringAsync(), "/team", $"revoke-{id}");
        var post = await HtmlForms.PostAsync(client, acceptPage, link, "accept-invitation",
            ("Input.FullName", "Withdrawn"), ("Input.Password", Password), ("Input.ConfirmPassword", Password));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains($"The invitation of {email} is revoked", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(AcceptInvitationPage.UnusableInvitation, HtmlForms.Alert(await post.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().GetAsync(link)).StatusCode);
        Assert.Equal(0L, await TeamData.ScalarAsync<long>(app.Database, "SELECT count(*) FROM admin_users WHERE email = $1", email));
    }

    [Fact]
    public async Task Invite_SameAddressAgain_ReplacesTheFirstLink()
    {
        const string email = "resent@example.com";
        var owner = await app.CreateSignedInClientAsync();
        await InviteAsync(owner, email, "staff");
        var first = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/invitations/accept");
        await InviteAsync(owner, email, "admin");
        var second = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/invitations/accept", skip: 1);

        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().GetAsync(first)).StatusCode);
        Assert.Contains("Admin", await app.CreateClient().GetStringAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_ActiveMembersAddress_Refused()
    {
        var response = await InviteAsync(await app.CreateSignedInClientAsync(), TestSignIn.AuroraStaff, "admin");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"{TestSignIn.AuroraStaff} is already a member of the team.", HtmlForms.Alert(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Invite_AdminGivingOwner_Refused()
    {
        const string admin = "an-admin@aurora-studio.test";
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", admin, "admin");
        var client = await TestSignIn.SignInAsync(app, admin, TeamData.Password);

        var response = await InviteAsync(client, "would-be-owner@example.com", "owner");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0L, await TeamData.ScalarAsync<long>(app.Database, "SELECT count(*) FROM admin_invitations WHERE email = 'would-be-owner@example.com'"));
    }

    [Theory]
    [InlineData(TestSignIn.AuroraStaff)]
    [InlineData(TestSignIn.AuroraBookkeeper)]
    public async Task TeamPage_StaffOrBookkeeper_Forbidden(string email)
    {
        var client = await app.CreateSignedInClientAsync(email);

        var response = await client.GetAsync("/team");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("/forbidden", response.RequestMessage?.RequestUri?.AbsolutePath);
    }

    [Fact]
    public async Task Invite_PostedByStaff_ForbiddenAndNothingStored()
    {
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        // A form an owner would post, with the staff member's own antiforgery token.
        var leads = await staff.GetStringAsync("/leads");
        var fields = HtmlForms.HiddenFields(leads, "/signout")
            .Append(new("_handler", "invite"))
            .Append(new("Invite.Email", "sneaky@example.com"))
            .Append(new("Invite.Role", "admin"));

        var response = await staff.PostAsync("/team", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0L, await TeamData.ScalarAsync<long>(app.Database, "SELECT count(*) FROM admin_invitations WHERE email = 'sneaky@example.com'"));
    }

    [Fact]
    public async Task TeamPage_Anonymous_RedirectsToSignIn()
    {
        var response = await app.CreateClient().GetAsync("/team");

        Assert.Equal("/signin", response.RequestMessage?.RequestUri?.AbsolutePath);
    }

    private static async Task<HttpResponseMessage> InviteAsync(HttpClient client, string email, string role) =>
        await HtmlForms.SubmitAsync(client, "/team", "invite", ("Invite.Email", email), ("Invite.Role", role));
}
