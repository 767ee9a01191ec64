using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Tally.Tests.Web;

namespace Tally.Tests.Import;

/// <summary>The app for the import page tests: files up to 100 kB.</summary>
public sealed class ImportWebFactory : TallyWebFactory
{
    protected override void AddSettings(IDictionary<string, string?> settings) =>
        settings["Tally:Import:MaxFileBytes"] = "100000";
}

/// <summary>/leads/import and /clients/import: upload, the dry run's report, the import and its outcome.</summary>
public sealed class ImportPageTests(ImportWebFactory app) : IClassFixture<ImportWebFactory>
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string csv, string fileName = "people.csv")
    {
        var html = await client.GetStringAsync(page);
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.HiddenFields(html, page + "/upload"))
        {
            form.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return await client.PostAsync(page + "/upload", form);
    }

    [Theory]
    [InlineData("/leads", "/leads/import")]
    [InlineData("/clients", "/clients/import")]
    public async Task ListPage_LinksToItsImport_ForAdminsOnly(string list, string import)
    {
        var owner = await app.CreateSignedInClientAsync();
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);

        Assert.Contains($"href=\"{import}\"", await owner.GetStringAsync(list), StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{import}\"", await staff.GetStringAsync(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ValidFile_ReportThenImportThenOutcome()
    {
        var client = await app.CreateSignedInClientAsync();
        var tag = ImportFiles.Tag();
        var csv = string.Join("\n", ImportFiles.ClientsHeader, ImportFiles.Client(tag, 1), ImportFiles.Client(tag, 2), ImportFiles.Client(tag, 3));

        using var report = await UploadAsync(client, "/clients/import", csv);

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var reportUrl = report.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.Matches("^/clients/import/[0-9a-f]{32}$", reportUrl);
        var html = await report.Content.ReadAsStringAsync();
        Assert.Contains("people.csv: all 3 clients can be imported", html, StringComparison.Ordinal);
        await using (var owner = await app.Database.OpenOwnerAsync())
        {
            Assert.Equal(0, await ImportFiles.CountAsync(owner, "clients", tag));
        }

        using var started = await HtmlForms.PostAsync(client, html, reportUrl + "/run", reportUrl + "/run");
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var page = await started.Content.ReadAsStringAsync();
        for (var i = 0; i < 100 && !page.Contains("Imported 3 clients", StringComparison.Ordinal); i++)
        {
            // While it runs, the page shows a progress bar and reloads itself.
            Assert.True(page.Contains("<progress", StringComparison.Ordinal) && page.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal), page);
            await Task.Delay(100);
            page = await client.GetStringAsync(reportUrl);
        }

        Assert.Contains("Imported 3 clients from people.csv.", page, StringComparison.Ordinal);
        await using var check = await app.Database.OpenOwnerAsync();
        Assert.Equal(3, await ImportFiles.CountAsync(check, "clients", tag));
    }

    [Fact]
    public async Task Upload_InvalidFile_ListsProblemsByLineAndOffersNoImport()
    {
        var client = await app.CreateSignedInClientAsync();
        var tag = ImportFiles.Tag();
        var csv = string.Join("\n", ImportFiles.LeadsHeader, ImportFiles.Lead(tag, 1), ImportFiles.Lead(tag, 2).Replace("instagram", "tv", StringComparison.Ordinal),
            ImportFiles.Lead(tag, 3, firstName: "<script>alert(1)</script>", email: "<b>bad</b>"));

        using var report = await UploadAsync(client, "/leads/import", csv);

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var html = await report.Content.ReadAsStringAsync();
        Assert.Contains("cannot be imported: 2 problem(s) in 3 leads", HtmlForms.Alert(html), StringComparison.Ordinal);
        Assert.Contains("<tr><td>3</td><td>source</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>4</td><td>email</td><td>is not an email address: &quot;&lt;b&gt;bad&lt;/b&gt;&quot;</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/run\"", html, StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(0, await ImportFiles.CountAsync(owner, "leads", tag));
    }

    [Fact]
    public async Task Upload_TooLarge_SaysSoAndKeepsNothing()
    {
        var client = await app.CreateSignedInClientAsync();
        var csv = ImportFiles.LeadsHeader + "\n" + string.Join("\n", Enumerable.Range(1, 2000).Select(n => ImportFiles.Lead("big", n)));

        using var response = await UploadAsync(client, "/leads/import", csv);

        Assert.Equal("/leads/import", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("too large", HtmlForms.Alert(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_NoFile_AsksForOne()
    {
        var client = await app.CreateSignedInClientAsync();

        using var response = await UploadAsync(client, "/leads/import", "", fileName: "empty.csv");

        Assert.Contains("Choose a CSV file", HtmlForms.Alert(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPage_OfAnotherStudiosUpload_404()
    {
        var client = await app.CreateSignedInClientAsync();
        using var report = await UploadAsync(client, "/clients/import", ImportFiles.ClientsHeader + "\n" + ImportFiles.Client(ImportFiles.Tag(), 1));
        var reportUrl = report.RequestMessage!.RequestUri!.AbsolutePath;
        var other = await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner);

        using var response = await other.GetAsync(reportUrl);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
