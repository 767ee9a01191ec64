using System.Globalization;
using System.Net;
using CsvHelper;
using Tally.Tests.Web;

namespace Tally.Tests.Leads;

/// <summary>GET /leads/export.csv: exactly what the filter shows, all pages, formulas neutralised.</summary>
public sealed class LeadExportTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Theory]
    [InlineData("", "TRUE", "l.created_at DESC, l.id DESC")]
    [InlineData("status=new&sort=oldest", "l.status = 'new'", "l.created_at, l.id")]
    [InlineData("source=instagram&from=2026-01-01&to=2027-12-31", "l.source = 'instagram' AND l.event_date BETWEEN DATE '2026-01-01' AND DATE '2027-12-31'", "l.created_at DESC, l.id DESC")]
    [InlineData("assignedTo=unassigned&sort=name", "l.assigned_to IS NULL", "coalesce(l.last_name, ''), l.first_name, l.id")]
    public async Task Export_Filter_HasExactlyTheFilteredLeadsInListOrder(string query, string where, string orderBy)
    {
        var client = await app.CreateSignedInClientAsync();

        var rows = await ExportAsync(client, query);

        var expected = await LeadsApi.ExpectedAsync(app, $"l.archived_at IS NULL AND {where}", orderBy);
        Assert.True(expected.Count > 0);
        Assert.Equal(expected, rows.Select(r => Guid.Parse(r["id"])));
        // More than one page of the list: the export is not a page.
        Assert.Equal(expected, await LeadsApi.AllPagesAsync(client, query, 50));
    }

    [Fact]
    public async Task Export_FormulaCells_AreNeutralised()
    {
        var client = await app.CreateSignedInClientAsync();
        await LeadsApi.CreateAsync(client, new { firstName = "=HYPERLINK(\"http://evil.example\",\"x\")", lastName = "@SUM(A1:A9)", phone = "+1 555 0100", email = "formula@example.com", source = "referral", message = "x" });
        await LeadsApi.CreateAsync(client, new { firstName = "-2+3", lastName = "Plain", email = "minus@example.com", source = "referral" });

        var rows = await ExportAsync(client, "source=referral");

        var evil = rows.Single(r => r["email"] == "formula@example.com");
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", evil["first_name"]);
        Assert.Equal("'@SUM(A1:A9)", evil["last_name"]);
        Assert.Equal("'+1 555 0100", evil["phone"]);
        Assert.Equal("'-2+3", rows.Single(r => r["email"] == "minus@example.com")["first_name"]);
        Assert.All(rows.SelectMany(r => r.Values), cell => Assert.DoesNotMatch("^[=+\\-@\\t\\r]", cell));
    }

    [Fact]
    public async Task Export_InvalidFilter_Returns400AndNoCsv()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/leads/export.csv?status=pending");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Export_OtherStudiosOwner_GetsOnlyTheirLeads()
    {
        var rows = await ExportAsync(await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner), "");

        Assert.Equal(await LeadsApi.ExpectedAsync(app, "l.archived_at IS NULL", "l.created_at DESC, l.id DESC", studio: "north-light"), rows.Select(r => Guid.Parse(r["id"])));
    }

    [Fact]
    public async Task ListPage_LinksToTheExportWithItsFilters()
    {
        var html = await (await app.CreateSignedInClientAsync()).GetStringAsync("/leads?status=won&source=referral&sort=name");

        Assert.Contains("href=\"/leads/export.csv?status=won&amp;source=referral&amp;sort=name\"", html, StringComparison.Ordinal);
    }

    private static async Task<List<Dictionary<string, string>>> ExportAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/leads/export.csv?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var csv = CsvReader.Create(body, new CsvReaderOptions { HasHeader = true }, leaveOpen: true);
        var rows = new List<Dictionary<string, string>>();
        await csv.ReadHeaderAsync();
        var headers = csv.Headers.ToArray();
        while (await csv.ReadAsync())
        {
            rows.Add(headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => csv.GetString(x.i) ?? ""));
        }
        return rows;
    }
}
