using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Tally.Tests.Web;

namespace Tally.Tests.Clients;

/// <summary>The clients pages: list and search, detail, the create and edit forms, the CSV export.</summary>
public sealed partial class ClientsPageTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task List_ShowsNewestClients_AndItsNextLinkOpensTheFollowingPage()
    {
        var http = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var newest = await owner.QueryAsync<(Guid Id, string First)>(
            "SELECT c.id, c.first_name FROM clients c JOIN studios s ON s.id = c.studio_id WHERE s.slug = 'aurora-studio' ORDER BY c.created_at DESC, c.id DESC LIMIT 51");

        var html = await http.GetStringAsync("/clients");
        var next = NextLink().Match(html);
        var second = await http.GetStringAsync(WebUtility.HtmlDecode(next.Groups["href"].Value));

        Assert.Contains("<label for=\"client-search\">", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/clients/{newest.First().Id}\"", html, StringComparison.Ordinal);
        Assert.True(next.Success, "no Next link");
        Assert.Contains($"href=\"/clients/{newest.Last().Id}\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/clients/{newest.Last().Id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_SearchByEmailPrefix_ShowsOnlyMatches()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http, ClientsApi.Body("Unusual.Prefix-Page@example.com", "Octavia"));

        var html = await http.GetStringAsync("/clients?q=unusual.pre");

        Assert.Contains($"href=\"/clients/{client.Id}\"", html, StringComparison.Ordinal);
        Assert.Single(RowLink().Matches(html));
    }

    [Fact]
    public async Task Detail_ShowsContactSessionsAndLinks()
    {
        var http = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var (clientId, sessionId, email) = await owner.QueryFirstAsync<(Guid, Guid, string)>("""
            SELECT c.id, s.id, c.email::text FROM clients c JOIN sessions s ON s.studio_id = c.studio_id AND s.client_id = c.id
            JOIN studios st ON st.id = c.studio_id WHERE st.slug = 'aurora-studio' ORDER BY s.id LIMIT 1
            """);

        var html = await http.GetStringAsync($"/clients/{clientId}");

        Assert.Contains(WebUtility.HtmlEncode(email), html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/sessions/{sessionId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/clients/{clientId}/documents\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/sessions/new?client={clientId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/clients/{clientId}/edit\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_OfAnotherStudiosClient_Is404()
    {
        var http = await app.CreateSignedInClientAsync();
        var foreign = await ClientsApi.OtherStudioClientAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/clients/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/clients/{foreign}/edit")).StatusCode);
    }

    [Fact]
    public async Task Create_ValidForm_RedirectsToTheNewClient()
    {
        var http = await app.CreateSignedInClientAsync();

        using var response = await HtmlForms.SubmitAsync(http, "/clients/new", "client",
            ("Input.FirstName", "Béatrice"), ("Input.LastName", "Morel"), ("Input.Email", "beatrice.morel@example.com"), ("Input.Country", "fr"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^/clients/[0-9a-f-]{36}$", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Béatrice Morel", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_InvalidForm_Is400WithEachErrorByItsField()
    {
        var http = await app.CreateSignedInClientAsync();
        var before = await ClientsApi.CountAsync(app);

        using var response = await HtmlForms.SubmitAsync(http, "/clients/new", "client",
            ("Input.FirstName", " "), ("Input.Email", "not-an-email"), ("Input.Country", "France"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not saved", HtmlForms.Alert(html), StringComparison.Ordinal);
        foreach (var field in new[] { "firstName", "email", "country" })
        {
            Assert.Matches($"id=\"{field}\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"[^\"]*{field}-error", html);
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("value=\"not-an-email\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await ClientsApi.CountAsync(app));
    }

    [Fact]
    public async Task Create_EmailOfAnotherClientInOtherCase_ShowsTheErrorOnTheEmailField()
    {
        var http = await app.CreateSignedInClientAsync();
        await ClientsApi.CreateAsync(http, ClientsApi.Body("Form.Clash@Example.com"));

        using var response = await HtmlForms.SubmitAsync(http, "/clients/new", "client",
            ("Input.FirstName", "Clash"), ("Input.Email", "form.clash@example.COM"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Matches("id=\"email-error\">Another client of the studio already has this email address", html);
    }

    [Fact]
    public async Task Edit_SavesTheChange_AndRefusesAStaleForm()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        var form = await http.GetStringAsync($"/clients/{client.Id}/edit");

        using var saved = await HtmlForms.PostAsync(http, form, $"/clients/{client.Id}/edit", "client",
            ("Input.FirstName", "Amélie"), ("Input.Email", client.Email), ("Input.City", "Annecy"));
        using var stale = await HtmlForms.PostAsync(http, form, $"/clients/{client.Id}/edit", "client",
            ("Input.FirstName", "Amélie"), ("Input.Email", client.Email), ("Input.City", "Grenoble"));

        Assert.Equal($"/clients/{client.Id}", saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed this client", HtmlForms.Alert(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal("Annecy", await owner.QuerySingleAsync<string>("SELECT city FROM clients WHERE id = @id", new { id = client.Id }));
    }

    [Fact]
    public async Task Export_HasTheColumns_AndNeutralisesFormulas()
    {
        var http = await app.CreateSignedInClientAsync();
        var body = ClientsApi.Body("formula.export@example.com", "=HYPERLINK(\"http://evil.example\",\"x\")");
        body["lastName"] = "+cmd|' /C calc'!A0";
        body["notes"] = "@SUM(1+1)";
        body["city"] = "-2+3";
        await ClientsApi.CreateAsync(http, body);

        using var response = await http.GetAsync("/clients/export.csv?q=formula.export");
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id,created_at,first_name,last_name,partner_name,email,phone,address_line1,address_line2,city,region,postal_code,country,notes", lines[0]);
        Assert.Equal(2, lines.Length);
        foreach (var formula in new[] { "=HYPERLINK", "+cmd", "@SUM", "-2+3" })
        {
            Assert.Contains("'" + formula, lines[1], StringComparison.Ordinal);
            Assert.DoesNotMatch($"(^|,)\"?{Regex.Escape(formula)}", lines[1]);
        }
    }

    [Fact]
    public async Task Export_WithoutFilter_HasEveryClientOfTheStudioOnly()
    {
        var http = await app.CreateSignedInClientAsync();

        var csv = await http.GetStringAsync("/clients/export.csv");

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.Equal(await ClientsApi.CountAsync(app), rows);
    }

    [GeneratedRegex("<a rel=\"next\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("<th scope=\"row\"><a href=\"/clients/")]
    private static partial Regex RowLink();
}
