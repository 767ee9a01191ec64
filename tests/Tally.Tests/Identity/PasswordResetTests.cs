using System.Net;
using Tally.Tests.Web;
using Tally.Web.Features.Identity;
using Tally.Web.Features.Identity.Pages;

namespace Tally.Tests.Identity;

public sealed class PasswordResetTests(IdentityWebFactory app) : IClassFixture<IdentityWebFactory>
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task Forgot_KnownAndUnknownAddress_AnswerAlikeAndMailOnlyTheAccount()
    {
        const string email = "forgetful@aurora-studio.test";
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");

        var known = await RequestResetAsync(email);
        var unknown = await RequestResetAsync("stranger@aurora-studio.test");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains(PasswordResets.Acknowledgement, await known.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(PasswordResets.Acknowledgement, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var link = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/reset-password");
        Assert.Matches("^/reset-password\\?token=[A-Za-z0-9_-]{43}$", link);
        Assert.DoesNotContain(app.SentMail.Messages, m => m.To == "stranger@aurora-studio.test");
        // Only the token's SHA-256 is stored.
        var stored = await TeamData.ScalarAsync<string>(app.Database,
            "SELECT t.token_hash FROM password_reset_tokens t JOIN admin_users u ON u.studio_id = t.studio_id AND u.id = t.admin_user_id WHERE u.email = $1", email);
        Assert.Equal(Tally.Data.Security.Secrets.Hash(MailLinks.Token(link)), stored);
    }

    [Fact]
    public async Task Reset_ValidLink_ChangesPasswordOnceAndEndsOtherSessions()
    {
        const string email = "resetting@aurora-studio.test";
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "admin");
        var oldSession = await TestSignIn.SignInAsync(app, email, TeamData.Password);
        await RequestResetAsync(email);
        var link = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/reset-password");

        var reset = await ChoosePasswordAsync(link, NewPassword);

        Assert.Equal("/signin", reset.RequestMessage?.RequestUri?.AbsolutePath);
        Assert.Contains("Your password has been changed.", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await TestSignIn.SignInAsync(app, email, NewPassword);
        Assert.Equal(HttpStatusCode.BadRequest, (await HtmlForms.SignInAsync(app.CreateClient(), email, TeamData.Password)).StatusCode);
        Assert.Equal("/signin", (await oldSession.GetAsync("/leads")).RequestMessage?.RequestUri?.AbsolutePath);

        // The link worked once.
        var again = await app.CreateClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(ResetPasswordPage.UnusableLink, HtmlForms.Alert(await again.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Reset_LinkUsedTwice_SecondPostRefused()
    {
        const string email = "twice@aurora-studio.test";
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        await RequestResetAsync(email);
        var link = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/reset-password");
        var client = app.CreateClient();
        var page = await client.GetStringAsync(link);

        var first = await HtmlForms.PostAsync(client, page, link, "reset-password", ("Input.Password", NewPassword), ("Input.ConfirmPassword", NewPassword));
        var second = await HtmlForms.PostAsync(client, page, link, "reset-password", ("Input.Password", "another new passphrase"), ("Input.ConfirmPassword", "another new passphrase"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(ResetPasswordPage.UnusableLink, HtmlForms.Alert(await second.Content.ReadAsStringAsync()));
        await TestSignIn.SignInAsync(app, email, NewPassword);
    }

    [Fact]
    public async Task Reset_ExpiredLink_Refused()
    {
        const string email = "late@aurora-studio.test";
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        await RequestResetAsync(email);
        var link = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/reset-password");
        await TeamData.ExecuteAsync(app.Database,
            "UPDATE password_reset_tokens SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE token_hash = $1",
            Tally.Data.Security.Secrets.Hash(MailLinks.Token(link)));

        var page = await app.CreateClient().GetAsync(link);
        var post = await ChoosePasswordAsync(link, NewPassword, fromPage: false);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(ResetPasswordPage.UnusableLink, HtmlForms.Alert(await post.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await HtmlForms.SignInAsync(app.CreateClient(), email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Reset_LinkReplacedByANewerOne_Refused()
    {
        const string email = "impatient@aurora-studio.test";
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        await RequestResetAsync(email);
        var first = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/reset-password");
        await RequestResetAsync(email);
        var second = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/reset-password", skip: 1);

        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(second)).StatusCode);
    }

    [Theory]
    [InlineData("/reset-password")]
    [InlineData("/reset-password?token=")]
    [InlineData("/reset-password?token=not-a-token")]
    [InlineData("/reset-password?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Reset_MissingOrUnknownToken_Refused(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ResetPasswordPage.UnusableLink, HtmlForms.Alert(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Reset_WeakOrMismatchedPassword_ExplainsAndKeepsTheLink()
    {
        const string email = "weak@aurora-studio.test";
        await TeamData.CreateMemberAsync(app.Database, "aurora-studio", email, "staff");
        await RequestResetAsync(email);
        var link = await MailLinks.WaitForLinkAsync(app.SentMail, email, "/reset-password");
        var client = app.CreateClient();
        var page = await client.GetStringAsync(link);

        var tooShort = await HtmlForms.PostAsync(client, page, link, "reset-password", ("Input.Password", "short"), ("Input.ConfirmPassword", "short"));
        var mismatch = await HtmlForms.PostAsync(client, page, link, "reset-password", ("Input.Password", NewPassword), ("Input.ConfirmPassword", NewPassword + "!"));

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("at least 12 characters", HtmlForms.Alert(await tooShort.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("The two passwords are not the same.", HtmlForms.Alert(await mismatch.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await ChoosePasswordAsync(link, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Forgot_MalformedAddress_Returns400WithMessage()
    {
        var response = await HtmlForms.SubmitAsync(app.CreateClient(), "/forgot-password", "forgot-password", ("Input.Email", "not an address"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Enter an email address", HtmlForms.Alert(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> RequestResetAsync(string email) =>
        HtmlForms.SubmitAsync(app.CreateClient(), "/forgot-password", "forgot-password", ("Input.Email", email));

    private async Task<HttpResponseMessage> ChoosePasswordAsync(string link, string password, bool fromPage = true)
    {
        var client = app.CreateClient();
        // An expired link has no form to take the hidden fields from: take them from a fresh page.
        var page = await client.GetStringAsync(fromPage ? link : "/forgot-password");
        var fields = HtmlForms.HiddenFields(page, fromPage ? "reset-password" : "forgot-password")
            .Where(f => f.Key != "_handler")
            .Append(new("_handler", "reset-password"))
            .Append(new("Input.Password", password))
            .Append(new("Input.ConfirmPassword", password));
        return await client.PostAsync(link, new FormUrlEncodedContent(fields));
    }
}
