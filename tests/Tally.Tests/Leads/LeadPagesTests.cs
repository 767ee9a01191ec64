using System.Net;
using System.Text.RegularExpressions;
using Tally.Tests.Web;

namespace Tally.Tests.Leads;

/// <summary>The lead page, the editor and the lead page's forms, posted as a browser does.</summary>
public sealed partial class LeadPagesTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task LeadPage_ShowsFieldsInteractionsAndLinks()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead("page@example.com"));

        var html = await client.GetStringAsync($"/leads/{lead.Id}");

        Assert.Contains("Ines Moreau", html, StringComparison.Ordinal);
        Assert.Contains("page@example.com", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/leads/{lead.Id}/documents\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/leads/{lead.Id}/edit\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"interaction-summary\">", html, StringComparison.Ordinal);
        Assert.Contains("Convert to client", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadPage_OtherStudiosLead_Is404()
    {
        var foreign = await LeadsApi.ScalarAsync<Guid>(app, "SELECT l.id FROM leads l JOIN studios s ON s.id = l.studio_id WHERE s.slug = 'north-light' LIMIT 1");

        var response = await (await app.CreateSignedInClientAsync()).GetAsync($"/leads/{foreign}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NewLeadForm_Valid_CreatesAndRedirectsToTheLead()
    {
        var client = await app.CreateSignedInClientAsync();

        var response = await HtmlForms.SubmitAsync(client, "/leads/new", "lead-editor",
            ("Form.FirstName", "Sofia"), ("Form.LastName", "Lind"), ("Form.Email", "sofia.lind@example.com"), ("Form.EventType", "portrait"),
            ("Form.EventDate", "2027-03-04"), ("Form.Budget", "1200"), ("Form.Currency", "sek"), ("Form.Source", "google"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^/leads/[0-9a-f-]{36}$", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(("portrait", "SEK", 1200m), await LeadsApi.SingleAsync<(string, string, decimal)>(app,
            "SELECT event_type, currency, budget FROM leads WHERE email = 'sofia.lind@example.com'"));
    }

    [Fact]
    public async Task NewLeadForm_Invalid_ShowsEachErrorAtItsFieldAndCreatesNothing()
    {
        var client = await app.CreateSignedInClientAsync();
        var before = await LeadsApi.ScalarAsync<long>(app, "SELECT count(*) FROM leads");

        var response = await HtmlForms.SubmitAsync(client, "/leads/new", "lead-editor",
            ("Form.FirstName", ""), ("Form.Email", "nope"), ("Form.GuestCount", "many"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.NotNull(HtmlForms.Alert(html));
        Assert.Contains("id=\"lead-guestCount-error\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"lead-guestCount-error\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await LeadsApi.ScalarAsync<long>(app, "SELECT count(*) FROM leads"));
    }

    [Fact]
    public async Task EditForm_StaleVersion_SaysSomeoneElseChangedItAndKeepsTheirChange()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        var page = await (await client.GetAsync($"/leads/{lead.Id}/edit")).Content.ReadAsStringAsync();
        await WebAssert.OkJsonAsync<Tally.Web.Features.Leads.LeadDetail>(await client.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { venue = "Theirs" }, etag)));

        var response = await HtmlForms.PostAsync(client, page, $"/leads/{lead.Id}/edit", "lead-editor",
            ("Form.FirstName", "Mine"), ("Form.Email", lead.Email!), ("Form.Source", "other"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Someone else changed this lead", HtmlForms.Alert(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(("Ines", "Theirs"), await LeadsApi.SingleAsync<(string, string)>(app, "SELECT first_name, venue FROM leads WHERE id = @id", new { id = lead.Id }));
    }

    [Fact]
    public async Task EditForm_CurrentVersion_Saves()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());

        var response = await HtmlForms.SubmitAsync(client, $"/leads/{lead.Id}/edit", "lead-editor",
            ("Form.FirstName", "Inès"), ("Form.Email", lead.Email!), ("Form.Source", "website"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Inès", "website"), await LeadsApi.SingleAsync<(string, string)>(app, "SELECT first_name, source FROM leads WHERE id = @id", new { id = lead.Id }));
    }

    [Fact]
    public async Task LeadPageForms_InteractionAssignArchiveConvert_Work()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        var url = $"/leads/{lead.Id}";
        var member = await LeadsApi.ScalarAsync<Guid>(app, "SELECT u.id FROM admin_users u JOIN studios s ON s.id = u.studio_id WHERE s.slug = 'aurora-studio' AND u.role = 'staff' AND u.is_active LIMIT 1");

        var interaction = await SubmitActionAsync(client, url, $"{url}/interactions", ("kind", "call"), ("direction", "inbound"), ("summary", "Asked about albums"));
        var assign = await SubmitActionAsync(client, url, $"{url}/assign", ("assignedTo", member.ToString()));
        var archive = await SubmitActionAsync(client, url, $"{url}/archive");
        var unarchive = await SubmitActionAsync(client, url, $"{url}/unarchive");
        var convert = await SubmitActionAsync(client, url, $"{url}/convert",
            ("book", "true"), ("sessionType", "wedding"), ("sessionStart", "2027-06-12T14:00"), ("sessionEnd", "2027-06-12T22:00"));

        foreach (var r in new[] { interaction, assign, archive, unarchive, convert })
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        var html = await convert.Content.ReadAsStringAsync();
        Assert.Contains("Asked about albums", html, StringComparison.Ordinal);
        var clientId = await LeadsApi.ScalarAsync<Guid>(app, "SELECT converted_client_id FROM leads WHERE id = @id", new { id = lead.Id });
        Assert.Contains($"href=\"/clients/{clientId}\"", html, StringComparison.Ordinal);
        Assert.Equal((member, "won", 1L), await LeadsApi.SingleAsync<(Guid, string, long)>(app,
            "SELECT assigned_to, status, (SELECT count(*) FROM sessions WHERE client_id = l.converted_client_id) FROM leads l WHERE id = @id", new { id = lead.Id }));
    }

    [Fact]
    public async Task ConvertForm_SessionEndingBeforeItStarts_SaysSoAndChangesNothing()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        var url = $"/leads/{lead.Id}";

        var response = await SubmitActionAsync(client, url, $"{url}/convert",
            ("book", "true"), ("sessionType", "wedding"), ("sessionStart", "2027-06-12T14:00"), ("sessionEnd", "2027-06-12T10:00"));

        Assert.Contains("nothing was changed", HtmlForms.Alert(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0L, await LeadsApi.ScalarAsync<long>(app, "SELECT count(*) FROM clients WHERE email = @email::citext", new { email = lead.Email }));
        Assert.Null(await LeadsApi.ScalarAsync<Guid?>(app, "SELECT converted_client_id FROM leads WHERE id = @id", new { id = lead.Id }));
    }

    [Fact]
    public async Task LeadPageForms_Staff_CannotArchive()
    {
        var owner = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(owner, LeadsApi.ValidLead());
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        var page = await owner.GetStringAsync($"/leads/{lead.Id}");

        await HtmlForms.PostAsync(staff, page, $"/leads/{lead.Id}/archive", $"/leads/{lead.Id}/archive");

        Assert.Null(await LeadsApi.ScalarAsync<DateTime?>(app, "SELECT archived_at FROM leads WHERE id = @id", new { id = lead.Id }));
    }

    /// <summary>Opens the lead page and posts its form whose action is <paramref name="action"/>, as a browser does.</summary>
    private static async Task<HttpResponseMessage> SubmitActionAsync(HttpClient client, string pageUrl, string action, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(pageUrl);
        return await HtmlForms.PostAsync(client, html, action, action, fields);
    }
}
