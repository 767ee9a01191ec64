using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Tally.Data.Security;

namespace Tally.Tests.Security;

/// <summary>
/// The client portal's access: invitations and one-time sign-in links by mail, what a signed-in
/// client sees, and what nobody learns from the sign-in form.
/// </summary>
public sealed partial class HttpPortalAccessTests(HttpSecurityFactory app) : IClassFixture<HttpSecurityFactory>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    private HttpWorld W => app.World;

    [Fact]
    public async Task Invite_ByAdmin_MailsALinkThatSignsTheClientInOnce()
    {
        var admin = HttpPrincipal.All(app).Single(p => p.Name == HttpPrincipal.Admin);
        var adminBrowser = app.Browser();
        var (page, antiforgery) = await HttpForms.OpenAsync(adminBrowser, $"/portal-invitations?q={Uri.EscapeDataString(W.ClientA1.Email)}", admin.Apply);
        Assert.Contains(W.ClientA1.ClientId.ToString(), page, StringComparison.Ordinal);

        using var invite = await HttpForms.PostAsync(adminBrowser, $"/clients/{W.ClientA1.ClientId}/invite", antiforgery, [new("q", W.ClientA1.Email)], admin.Apply);

        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        Assert.StartsWith($"/portal-invitations?invited={W.ClientA1.ClientId}", HttpForms.Location(invite), StringComparison.Ordinal);
        var mail = await app.SentMail.WaitForAsync(m => m.To == W.ClientA1.Email && m.Subject.Contains("invites you", StringComparison.Ordinal), MailWait);
        var link = LinkIn(mail.TextBody, "accept");
        var client = app.Browser();
        var accepted = await FollowAsync(client, link, "/portal/accept");
        Assert.Equal("/portal", accepted);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/portal")).StatusCode);

        var again = await FollowAsync(app.Browser(), link, "/portal/accept");
        Assert.Equal("/portal/signin?invalid=invitation", again);
    }

    [Fact]
    public async Task RequestLink_KnownClient_MailsALinkThatWorksOnce()
    {
        var requested = await RequestLinkAsync(W.ClientA2.Email);
        Assert.Equal($"/portal/signin?studio={W.StudioASlug}&sent=1", requested);

        var mail = await app.SentMail.WaitForAsync(m => m.To == W.ClientA2.Email && m.Subject.Contains("sign-in link", StringComparison.Ordinal), MailWait);
        var link = LinkIn(mail.TextBody, "link");
        var browser = app.Browser();

        Assert.Equal("/portal", await FollowAsync(browser, link, "/portal/link"));
        var portal = await browser.GetStringAsync("/portal");
        Assert.Contains(W.ClientA2.GalleryId.ToString(), portal, StringComparison.Ordinal);
        Assert.Equal("/portal/signin?invalid=link", await FollowAsync(app.Browser(), link, "/portal/link"));
    }

    [Fact]
    public async Task RequestLink_UnknownAddressOrAnotherStudiosClient_SameAnswerAndNoMail()
    {
        var otherStudios = await RequestLinkAsync(W.ClientB1.Email);
        var unknown = await RequestLinkAsync("nobody-" + Guid.NewGuid().ToString("N")[..6] + "@example.com");
        var known = await RequestLinkAsync(W.ClientA1.Email);

        Assert.Equal(known, otherStudios);
        Assert.Equal(known, unknown);
        var answerToKnown = await app.Raw().GetStringAsync(known);
        Assert.Equal(answerToKnown, await app.Raw().GetStringAsync(otherStudios));
        // Mail leaves in order: once the known client's has arrived, any mail for the others would have too.
        await app.SentMail.WaitForAsync(m => m.To == W.ClientA1.Email && m.Subject.Contains("sign-in link", StringComparison.Ordinal), MailWait);
        Assert.DoesNotContain(app.SentMail.Messages, m => m.To == W.ClientB1.Email || m.To.StartsWith("nobody-", StringComparison.Ordinal));
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(0L, await owner.QuerySingleAsync<long>(
            "SELECT count(*) FROM client_sign_in_links WHERE studio_id = @StudioId AND client_id = @ClientId", W.ClientB1));
    }

    [Fact]
    public async Task Link_PastItsFifteenMinutes_IsRefused()
    {
        var secret = await InsertLinkAsync(W.ClientA1.ClientId);
        await using (var owner = await app.Database.OpenOwnerAsync())
        {
            await owner.ExecuteAsync("""
                UPDATE client_sign_in_links SET created_at = now() - interval '16 minutes', expires_at = now() - interval '1 minute'
                WHERE token_hash = @hash
                """, new { hash = Secrets.Hash(secret) });
        }

        var answer = await FollowAsync(app.Browser(), $"/portal/link?token={secret}", "/portal/link");

        Assert.Equal("/portal/signin?invalid=link", answer);
    }

    [Fact]
    public async Task Link_LivesFifteenMinutes_TheDatabaseRefusesLonger()
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        var lifetime = await owner.QuerySingleAsync<TimeSpan>("""
            SELECT expires_at - now() FROM auth.issue_client_sign_in_link(@slug, @email, @id, @hash)
            """, new { slug = W.StudioASlug, email = W.ClientA1.Email, id = Guid.CreateVersion7(), hash = Secrets.Hash(Secrets.New()) });
        var tooLong = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => owner.ExecuteAsync("""
            INSERT INTO client_sign_in_links (studio_id, id, client_id, token_hash, expires_at)
            VALUES (@StudioId, @id, @ClientId, @hash, now() + interval '16 minutes')
            """, new { W.ClientA1.StudioId, W.ClientA1.ClientId, id = Guid.CreateVersion7(), hash = Secrets.Hash(Secrets.New()) }));

        Assert.Equal(TimeSpan.FromMinutes(15), lifetime);
        Assert.Equal("client_sign_in_links_lifetime", tooLong.ConstraintName);
    }

    [Fact]
    public async Task Portal_ClientA1_SeesOnlyOwnSessionsAndGalleries_AndCannotOpenA2s()
    {
        var browser = app.Browser();
        Assert.Equal("/portal", await FollowAsync(browser, $"/portal/link?token={await InsertLinkAsync(W.ClientA1.ClientId)}", "/portal/link"));
        await using var owner = await app.Database.OpenOwnerAsync();
        var sessionsOf = async (Guid client) => (await owner.QueryAsync<Guid>(
            "SELECT id FROM sessions WHERE studio_id = @studio AND client_id = @client", new { studio = W.StudioA, client })).Select(id => id.ToString()).ToList();
        var a1Sessions = await sessionsOf(W.ClientA1.ClientId);
        var a2Sessions = await sessionsOf(W.ClientA2.ClientId);
        var a1Images = (await owner.QueryAsync<Guid>("SELECT id FROM gallery_images WHERE studio_id = @studio AND gallery_id = @gallery",
            new { studio = W.StudioA, gallery = W.ClientA1.GalleryId })).Select(id => id.ToString()).ToList();

        var portal = await browser.GetStringAsync("/portal");
        var ownGallery = await browser.GetStringAsync($"/portal/galleries/{W.ClientA1.GalleryId}");
        using var othersGallery = await browser.GetAsync($"/portal/galleries/{W.ClientA2.GalleryId}");
        var othersBody = await othersGallery.Content.ReadAsStringAsync();

        Assert.NotEmpty(a1Sessions);
        Assert.All(a1Sessions, id => Assert.Contains(id, portal, StringComparison.Ordinal));
        Assert.All(a2Sessions, id => Assert.DoesNotContain(id, portal, StringComparison.Ordinal));
        Assert.Equal(a1Sessions.Count, DataIds().Matches(portal).Count(m => m.Groups["kind"].Value == "session"));
        Assert.Contains(W.ClientA1.GalleryId.ToString(), portal, StringComparison.Ordinal);
        Assert.DoesNotContain(W.ClientA2.GalleryId.ToString(), portal, StringComparison.Ordinal);
        Assert.All(a1Images, id => Assert.Contains(id, ownGallery, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, othersGallery.StatusCode);
        Assert.DoesNotContain(WebUtility.HtmlEncode(W.ClientA2.GalleryTitle), othersBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_EndsThePortalSession()
    {
        var browser = app.Browser();
        await FollowAsync(browser, $"/portal/link?token={await InsertLinkAsync(W.ClientA2.ClientId)}", "/portal/link");
        var (_, antiforgery) = await HttpForms.OpenAsync(browser, "/portal");

        using var signOut = await HttpForms.PostAsync(browser, "/portal/signout", antiforgery, []);
        using var after = await browser.GetAsync("/portal");

        Assert.Equal($"/portal/signin?studio={W.StudioASlug}", HttpForms.Location(signOut));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/portal/signin", HttpForms.Location(after));
    }

    [Fact]
    public async Task Session_AccessRevokedAfterSignIn_EndsAtTheNextRequest()
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        var client = await owner.QuerySingleAsync<Guid>("""
            SELECT c.id FROM clients c
            WHERE c.studio_id = @studio AND c.id NOT IN (@a1, @a2)
              AND EXISTS (SELECT 1 FROM client_invitations i WHERE i.studio_id = c.studio_id AND i.client_id = c.id AND i.accepted_at IS NULL AND i.revoked_at IS NULL)
              AND NOT EXISTS (SELECT 1 FROM client_invitations i WHERE i.studio_id = c.studio_id AND i.client_id = c.id AND i.accepted_at IS NOT NULL)
            ORDER BY c.id LIMIT 1
            """, new { studio = W.StudioA, a1 = W.ClientA1.ClientId, a2 = W.ClientA2.ClientId });
        var browser = app.Browser();
        await FollowAsync(browser, $"/portal/link?token={await InsertLinkAsync(client)}", "/portal/link");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/portal")).StatusCode);

        await owner.ExecuteAsync("UPDATE client_invitations SET revoked_at = now() WHERE studio_id = @studio AND client_id = @client AND revoked_at IS NULL",
            new { studio = W.StudioA, client });
        using var after = await browser.GetAsync("/portal");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/portal/signin", HttpForms.Location(after));
    }

    /// <summary>Asks studio A's portal for a sign-in link; returns where the answer redirects.</summary>
    private async Task<string> RequestLinkAsync(string email)
    {
        var browser = app.Browser();
        var (_, antiforgery) = await HttpForms.OpenAsync(browser, $"/portal/signin?studio={W.StudioASlug}");
        using var response = await HttpForms.PostAsync(browser, "/portal/signin", antiforgery, [new("studio", W.StudioASlug), new("email", email)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return HttpForms.Location(response);
    }

    /// <summary>Opens an emailed link's landing page and presses its button; returns where that redirects.</summary>
    private static async Task<string> FollowAsync(HttpClient browser, string link, string action)
    {
        var (html, antiforgery) = await HttpForms.OpenAsync(browser, link);
        var token = TokenField().Match(html).Groups["value"].Value;
        using var response = await HttpForms.PostAsync(browser, action, antiforgery, [new("token", token)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return HttpForms.Location(response);
    }

    /// <summary>A fresh sign-in link made as the owner, as the definer function makes them; returns its secret.</summary>
    private async Task<string> InsertLinkAsync(Guid client)
    {
        var secret = Secrets.New();
        await using var owner = await app.Database.OpenOwnerAsync();
        await owner.ExecuteAsync("""
            INSERT INTO client_sign_in_links (studio_id, id, client_id, token_hash, expires_at)
            VALUES (@studio, @id, @client, @hash, now() + interval '15 minutes')
            """, new { studio = W.StudioA, id = Guid.CreateVersion7(), client, hash = Secrets.Hash(secret) });
        return secret;
    }

    /// <summary>The path and query of the portal link in a mail (/portal/link or /portal/accept).</summary>
    private static string LinkIn(string text, string kind)
    {
        var match = Regex.Match(text, $@"https?://\S+(?<path>/portal/{kind}\?token=[A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"no /portal/{kind} link in: {text}");
        return match.Groups["path"].Value;
    }

    [GeneratedRegex("name=\"token\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("data-(?<kind>session|gallery)-id=\"(?<id>[0-9a-f-]+)\"")]
    private static partial Regex DataIds();
}
