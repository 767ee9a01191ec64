using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Tally.Tests.Web;
using Tally.Web.Features.Documents;

namespace Tally.Tests.Documents;

/// <summary>Uploading, listing, downloading and deleting documents of leads, clients and sessions.</summary>
public sealed class DocumentApiTests(DocumentsWebFactory app) : IClassFixture<DocumentsWebFactory>
{
    private const string Slug = "aurora-studio";

    [Fact]
    public async Task PageUpload_ThenListDownloadDelete_ClientDocument()
    {
        var client = await app.CreateSignedInClientAsync();
        var owner = await Uploads.FirstAsync(app, "clients", Slug, 0);
        var fields = await Uploads.FormFieldsAsync(client, "clients", owner);

        using var posted = await client.PostAsync($"/clients/{owner}/documents/upload", Uploads.Content(fields, "Signed contract.pdf", Uploads.Pdf, kind: "contract"));
        var page = await posted.Content.ReadAsStringAsync();
        var list = await WebAssert.OkJsonAsync<List<DocumentInfo>>(await client.GetAsync($"/api/v1/studios/{Slug}/clients/{owner}/documents"));
        var document = list.Single(d => d.FileName == "Signed contract.pdf");
        using var download = await client.GetAsync($"/api/v1/studios/{Slug}/clients/{owner}/documents/{document.Id}");
        var bytes = await download.Content.ReadAsByteArrayAsync();
        var stored = Uploads.Files(app.DocumentsDirectory).Single(f => !f.Contains(".incoming", StringComparison.Ordinal) && File.ReadAllBytes(f).SequenceEqual(Uploads.Pdf));

        Assert.Equal($"/clients/{owner}/documents?done=uploaded", posted.RequestMessage?.RequestUri?.PathAndQuery);
        Assert.Contains("The file was uploaded.", page, StringComparison.Ordinal);
        Assert.Contains("Signed contract.pdf", page, StringComparison.Ordinal);
        Assert.Equal(("application/pdf", "contract", (long)Uploads.Pdf.Length), (document.ContentType, document.Kind, document.ByteSize));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Uploads.Pdf, bytes);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Signed contract.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        // The file's name on disk is the server's, under the studio's folder.
        Assert.DoesNotContain("contract", Path.GetFileName(stored), StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(stored));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/studios/{Slug}/clients/{owner}/documents/{document.Id}")).StatusCode);
        Assert.False(File.Exists(stored));
        await WebAssert.ProblemAsync(await client.GetAsync($"/api/v1/studios/{Slug}/clients/{owner}/documents/{document.Id}"), HttpStatusCode.NotFound);
        await WebAssert.ProblemAsync(await client.DeleteAsync($"/api/v1/studios/{Slug}/clients/{owner}/documents/{document.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ApiUpload_ToALeadAndASession_FilesEachUnderItsOwner()
    {
        var client = await app.CreateSignedInClientAsync();
        var lead = await Uploads.FirstAsync(app, "leads", Slug, 0);
        var session = await Uploads.FirstAsync(app, "sessions", Slug, 0);

        using var leadUpload = await Uploads.ApiAsync(client, Slug, "leads", lead, "venue.txt", Uploads.Text("Venue: the old mill.\n"));
        using var sessionUpload = await Uploads.ApiAsync(client, Slug, "sessions", session, "shot list.txt", Uploads.Text("Grandparents, then the cake.\n"), kind: "shot_list");

        Assert.Equal(HttpStatusCode.Created, leadUpload.StatusCode);
        Assert.Equal(HttpStatusCode.Created, sessionUpload.StatusCode);
        var sessionDoc = (await sessionUpload.Content.ReadFromJsonAsync<DocumentInfo>())!;
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(1L, await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM lead_documents WHERE lead_id = @lead AND file_name = 'venue.txt'", new { lead }));
        var sessionClient = await owner.ExecuteScalarAsync<Guid>("SELECT client_id FROM sessions WHERE id = @session", new { session });
        Assert.Equal((session, sessionClient), (sessionDoc.SessionId!.Value, sessionDoc.ClientId!.Value));
        var leads = await WebAssert.OkJsonAsync<List<DocumentInfo>>(await client.GetAsync($"/api/v1/studios/{Slug}/leads/{lead}/documents"));
        Assert.Contains(leads, d => d.FileName == "venue.txt" && d.ContentType == "text/plain");
        var page = await client.GetStringAsync($"/sessions/{session}/documents");
        Assert.Contains("shot list.txt", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/sessions/{session}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiUpload_WithTheCookieButNoAntiforgeryToken_IsRefused()
    {
        var client = await app.CreateSignedInClientAsync();
        var lead = await Uploads.FirstAsync(app, "leads", Slug, 1);

        var problem = await WebAssert.ProblemAsync(
            await client.PostAsync($"/api/v1/studios/{Slug}/leads/{lead}/documents", Uploads.Content([], "a.txt", Uploads.Text("hello"))), HttpStatusCode.BadRequest);

        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OverTheLimit_Is413_AndLeavesNoFile()
    {
        var client = await app.CreateSignedInClientAsync();
        var lead = await Uploads.FirstAsync(app, "leads", Slug, 2);
        var before = Uploads.Files(app.DocumentsDirectory).Length;
        var big = Uploads.Text(new string('a', (int)DocumentsWebFactory.MaxBytes + 1));

        var problem = await WebAssert.ProblemAsync(await Uploads.ApiAsync(client, Slug, "leads", lead, "big.txt", big), HttpStatusCode.RequestEntityTooLarge);
        var huge = Uploads.Text(new string('a', (int)DocumentsWebFactory.MaxBytes * 2));
        await WebAssert.ProblemAsync(await Uploads.ApiAsync(client, Slug, "leads", lead, "huge.txt", huge), HttpStatusCode.RequestEntityTooLarge);
        var fields = await Uploads.FormFieldsAsync(client, "leads", lead);
        using var viaPage = await client.PostAsync($"/leads/{lead}/documents/upload", Uploads.Content(fields, "big.txt", big));
        var page = await viaPage.Content.ReadAsStringAsync();

        Assert.Contains("too large", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, viaPage.StatusCode);
        Assert.Contains("The file is too large.", HtmlForms.Alert(page), StringComparison.Ordinal);
        Assert.Equal(before, Uploads.Files(app.DocumentsDirectory).Length);
    }

    [Theory]
    [InlineData("contract.pdf", "<!DOCTYPE html><html><script>alert(1)</script></html>", ".pdf")]
    [InlineData("notes.html", "<p>hello</p>", ".html")]
    [InlineData("page.txt", "<html><body>hi</body></html>", ".txt")]
    [InlineData("photo.png", "\u00FF\u00D8\u00FF not really", ".png")]
    [InlineData("tool.exe", "MZ", ".exe")]
    public async Task Upload_ContentNotMatchingAnAcceptedType_Is415(string fileName, string content, string named)
    {
        var client = await app.CreateSignedInClientAsync();
        var lead = await Uploads.FirstAsync(app, "leads", Slug, 3);
        var bytes = fileName == "photo.png" ? [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] : Uploads.Text(content);

        var problem = await WebAssert.ProblemAsync(await Uploads.ApiAsync(client, Slug, "leads", lead, fileName, bytes), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(0L, await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM lead_documents WHERE lead_id = @lead AND file_name = @fileName", new { lead, fileName }));
        Assert.DoesNotContain(Uploads.Files(app.DocumentsDirectory), f => f.Contains(".incoming", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_AcceptedTypes_AreKnownByContent()
    {
        var client = await app.CreateSignedInClientAsync();
        var client0 = await Uploads.FirstAsync(app, "clients", Slug, 1);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46];
        byte[] heic = [0, 0, 0, 0x18, .. "ftypheic"u8.ToArray(), 0, 0, 0, 0];
        using var docx = new MemoryStream();
        using (var zip = new ZipArchive(docx, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml");
            zip.CreateEntry("word/document.xml");
        }

        (string Name, byte[] Bytes, string Type)[] cases =
        [
            ("mood.png", png, "image/png"), ("venue.jpg", jpeg, "image/jpeg"), ("phone.heic", heic, "image/heic"),
            ("letter.docx", docx.ToArray(), DocumentContent.Docx.ContentType), ("bundle.zip", docx.ToArray(), "application/zip"),
            ("readme.md", Uploads.Text("# Notes\n"), "text/plain"), ("no extension", Uploads.Pdf, "application/pdf"),
        ];
        foreach (var (name, bytes, type) in cases)
        {
            using var response = await Uploads.ApiAsync(client, Slug, "clients", client0, name, bytes);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{name}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(type, (await response.Content.ReadFromJsonAsync<DocumentInfo>())!.ContentType);
        }
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\Desktop\\notes.txt", "notes.txt")]
    [InlineData("a\u0000b\u001Fc\u202Ed.txt", "abcd.txt")]
    [InlineData("  ...hidden.txt.  ", "hidden.txt")]
    [InlineData("line\r\nbreak.txt", "line break.txt")]
    [InlineData("\u0007", "document")]
    public async Task Upload_Names_AreSanitised(string given, string expected)
    {
        var client = await app.CreateSignedInClientAsync();
        var lead = await Uploads.FirstAsync(app, "leads", Slug, 4);

        using var response = await Uploads.ApiAsync(client, Slug, "leads", lead, "upload.txt", Uploads.Text("text\n"), name: given);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.Equal(expected, (System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("fileName").GetString()));
        Assert.DoesNotContain(Uploads.Files(app.DocumentsDirectory), f => !Path.GetFullPath(f).StartsWith(Path.GetFullPath(app.DocumentsDirectory), StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(app.DocumentsDirectory, "..", "..", "etc", "passwd")) && File.ReadAllText(Path.Combine(app.DocumentsDirectory, "..", "..", "etc", "passwd")) == "text\n");
    }

    [Fact]
    public async Task Upload_ALongName_IsCutKeepingItsExtension()
    {
        var client = await app.CreateSignedInClientAsync();
        var lead = await Uploads.FirstAsync(app, "leads", Slug, 4);

        using var response = await Uploads.ApiAsync(client, Slug, "leads", lead, new string('é', 300) + ".txt", Uploads.Text("x"));
        var name = (await response.Content.ReadFromJsonAsync<DocumentInfo>())!.FileName;

        Assert.Equal(DocumentNames.MaxLength, name.Length);
        Assert.EndsWith("é.txt", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_EveryNaughtyName_GetsAValidAnswerOrAClear4xx()
    {
        var client = await app.CreateSignedInClientAsync();
        var lead = await Uploads.FirstAsync(app, "leads", Slug, 5);
        var fields = await Uploads.FormFieldsAsync(client, "leads", lead);
        var failures = new List<string>();
        foreach (var name in Blns.All)
        {
            using var response = await client.PostAsync($"/api/v1/studios/{Slug}/leads/{lead}/documents", Uploads.Content(fields, "upload.txt", Uploads.Text("text\n"), name: name));
            var status = (int)response.StatusCode;
            if (status == 201)
            {
                var stored = (await response.Content.ReadFromJsonAsync<DocumentInfo>())!.FileName;
                if (stored.Length is 0 or > DocumentNames.MaxLength || stored.Any(char.IsControl) || stored.Contains('/', StringComparison.Ordinal) || stored.Contains('\\', StringComparison.Ordinal))
                {
                    failures.Add($"{name}: stored as {stored}");
                }
            }
            else if (status is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{name}: {status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Upload_WhenTheInsertFails_LeavesNoFile()
    {
        var client = await app.CreateSignedInClientAsync();
        var owner0 = await Uploads.FirstAsync(app, "clients", Slug, 2);
        await using var owner = await app.Database.OpenOwnerAsync();
        await owner.ExecuteAsync("""
            CREATE FUNCTION test_fail_document() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.file_name = 'fail-me.txt' THEN RAISE EXCEPTION 'the disk of the database is full'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER test_fail_document BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION test_fail_document();
            """);
        try
        {
            var before = Uploads.Files(app.DocumentsDirectory);
            using var response = await Uploads.ApiAsync(client, Slug, "clients", owner0, "fail-me.txt", Uploads.Text("should not stay\n"));

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal(before, Uploads.Files(app.DocumentsDirectory));
            Assert.Equal(0L, await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM documents WHERE file_name = 'fail-me.txt'"));
        }
        finally
        {
            await owner.ExecuteAsync("DROP TRIGGER test_fail_document ON documents; DROP FUNCTION test_fail_document();");
        }
    }

    [Fact]
    public async Task AnotherStudiosMember_Gets404_Everywhere_AndWritesNothing()
    {
        var aurora = await app.CreateSignedInClientAsync();
        var north = await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner);
        var session = await Uploads.FirstAsync(app, "sessions", Slug, 3);
        using var uploaded = await Uploads.ApiAsync(aurora, Slug, "sessions", session, "private plan.txt", Uploads.Text("secret plan\n"));
        var document = (await uploaded.Content.ReadFromJsonAsync<DocumentInfo>())!;
        var before = Uploads.Files(app.DocumentsDirectory).Length;
        const string North = "/api/v1/studios/north-light";

        var northFields = HtmlForms.HiddenFields(await north.GetStringAsync($"/sessions/{await Uploads.FirstAsync(app, "sessions", "north-light")}/documents"), $"/sessions/{await Uploads.FirstAsync(app, "sessions", "north-light")}/documents/upload");
        var answers = new List<HttpResponseMessage>
        {
            await north.GetAsync($"/api/v1/studios/{Slug}/sessions/{session}/documents/{document.Id}"),
            await north.GetAsync($"{North}/sessions/{session}/documents/{document.Id}"),
            await north.GetAsync($"{North}/sessions/{session}/documents"),
            await north.DeleteAsync($"{North}/sessions/{session}/documents/{document.Id}"),
            await north.PostAsync($"{North}/sessions/{session}/documents", Uploads.Content(northFields, "x.txt", Uploads.Text("x"))),
        };
        foreach (var answer in answers)
        {
            var body = await WebAssert.ProblemAsync(answer, HttpStatusCode.NotFound);
            Assert.DoesNotContain("private plan", body.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"/sessions/{session}/documents")).StatusCode);
        Assert.Equal(before, Uploads.Files(app.DocumentsDirectory).Length);
        Assert.Equal(HttpStatusCode.OK, (await aurora.GetAsync($"/api/v1/studios/{Slug}/sessions/{session}/documents/{document.Id}")).StatusCode);
    }

    [Fact]
    public async Task Staff_ReadDocuments_ButCannotDeleteThem()
    {
        var owner = await app.CreateSignedInClientAsync();
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        var client0 = await Uploads.FirstAsync(app, "clients", Slug, 3);
        using var uploaded = await Uploads.ApiAsync(owner, Slug, "clients", client0, "release.pdf", Uploads.Pdf);
        var document = (await uploaded.Content.ReadFromJsonAsync<DocumentInfo>())!;

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/studios/{Slug}/clients/{client0}/documents/{document.Id}")).StatusCode);
        await WebAssert.ProblemAsync(await staff.DeleteAsync($"/api/v1/studios/{Slug}/clients/{client0}/documents/{document.Id}"), HttpStatusCode.Forbidden);
        await WebAssert.ProblemAsync(await Uploads.ApiAsync(staff, Slug, "clients", client0, "staff.pdf", Uploads.Pdf), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/studios/{Slug}/clients/{client0}/documents/{document.Id}")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheUploadAsMultipartWithAFile()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));

        var post = document.RootElement.GetProperty("paths").GetProperty("/api/v1/studios/{slug}/sessions/{id}/documents").GetProperty("post");
        var schema = post.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");

        Assert.Equal("binary", schema.GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        Assert.True(post.GetProperty("responses").TryGetProperty("413", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("415", out _));
    }

    [Fact]
    public async Task Staff_AddFilesToTheirOwnLeads_AndSeeNoOtherLead()
    {
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        var mine = await Uploads.FirstAsync(app, "leads", Slug, 6);
        var notMine = await Uploads.FirstAsync(app, "leads", Slug, 7);
        await using var owner = await app.Database.OpenOwnerAsync();
        await owner.ExecuteAsync(
            "UPDATE leads SET assigned_to = (SELECT id FROM admin_users WHERE email = @staff) WHERE id = @mine; UPDATE leads SET assigned_to = NULL WHERE id = @notMine;",
            new { staff = TestSignIn.AuroraStaff, mine, notMine });

        using var uploaded = await Uploads.ApiAsync(staff, Slug, "leads", mine, "moodboard.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1]);
        var fields = await Uploads.FormFieldsAsync(staff, "leads", mine);
        using var elsewhere = await staff.PostAsync($"/api/v1/studios/{Slug}/leads/{notMine}/documents", Uploads.Content(fields, "x.txt", Uploads.Text("x")));

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(TestSignIn.AuroraStaff, await owner.ExecuteScalarAsync<string>(
            "SELECT u.email::text FROM lead_documents d JOIN admin_users u ON u.id = d.uploaded_by WHERE d.lead_id = @mine AND d.file_name = 'moodboard.png'", new { mine }));
        await WebAssert.ProblemAsync(elsewhere, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/leads/{notMine}/documents")).StatusCode);
    }

    [Fact]
    public async Task SeededDocumentWithoutAFile_Is404WithAClearMessage()
    {
        var client = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var (id, clientId) = await owner.QueryFirstAsync<(Guid, Guid)>(
            "SELECT d.id, d.client_id FROM documents d JOIN studios s ON s.id = d.studio_id WHERE s.slug = @Slug AND d.client_id IS NOT NULL AND d.storage_key LIKE 'documents/%' LIMIT 1", new { Slug });

        var problem = await WebAssert.ProblemAsync(await client.GetAsync($"/api/v1/studios/{Slug}/clients/{clientId}/documents/{id}"), HttpStatusCode.NotFound);

        Assert.Contains("not in this installation's storage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
