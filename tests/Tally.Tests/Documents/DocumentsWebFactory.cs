using System.Net.Http.Headers;
using Dapper;
using Tally.Tests.Security;
using Tally.Tests.Web;

namespace Tally.Tests.Documents;

/// <summary>The web app with a documents folder of its own and a 1 MB limit, so the limit is cheap to pass.</summary>
public sealed class DocumentsWebFactory : TallyWebFactory
{
    public const long MaxBytes = 1024 * 1024;

    public string DocumentsDirectory { get; } = Path.Combine(Path.GetTempPath(), "tally-test-documents-" + Guid.NewGuid().ToString("N")[..12]);

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Documents:Directory"] = DocumentsDirectory;
        settings["Documents:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DocumentsDirectory))
        {
            Directory.Delete(DocumentsDirectory, recursive: true);
        }
    }
}

/// <summary>The HTTP security world (portal clients A1 and A2) with a documents folder of its own.</summary>
public sealed class PortalDocumentsFactory : HttpSecurityFactory
{
    public string DocumentsDirectory { get; } = Path.Combine(Path.GetTempPath(), "tally-test-portal-documents-" + Guid.NewGuid().ToString("N")[..12]);

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        settings["Documents:Directory"] = DocumentsDirectory;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DocumentsDirectory))
        {
            Directory.Delete(DocumentsDirectory, recursive: true);
        }
    }
}

/// <summary>Uploading the way the documents page does: its form's antiforgery token, multipart.</summary>
internal static class Uploads
{
    public static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public static byte[] Text(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>The page of an owner's documents, and the hidden fields of its upload form.</summary>
    public static async Task<List<KeyValuePair<string, string>>> FormFieldsAsync(HttpClient client, string segment, Guid owner)
    {
        var html = await client.GetStringAsync($"/{segment}/{owner}/documents");
        return HtmlForms.HiddenFields(html, $"/{segment}/{owner}/documents/upload");
    }

    public static MultipartFormDataContent Content(IEnumerable<KeyValuePair<string, string>> fields, string fileName, byte[] bytes, string? name = null, string? kind = null)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }
        if (name is not null)
        {
            content.Add(new StringContent(name), "name");
        }
        if (kind is not null)
        {
            content.Add(new StringContent(kind), "kind");
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        return content;
    }

    /// <summary>Uploads through the API with the page's antiforgery token (the team cookie needs it).</summary>
    public static async Task<HttpResponseMessage> ApiAsync(HttpClient client, string slug, string segment, Guid owner, string fileName, byte[] bytes, string? name = null, string? kind = null)
    {
        var fields = await FormFieldsAsync(client, segment, owner);
        return await client.PostAsync($"/api/v1/studios/{slug}/{segment}/{owner}/documents", Content(fields, fileName, bytes, name, kind));
    }

    public static async Task<Guid> FirstAsync(TallyWebFactory app, string table, string slug, int offset = 0)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return await owner.QueryFirstAsync<Guid>(
            $"SELECT x.id FROM {table} x JOIN studios s ON s.id = x.studio_id WHERE s.slug = @slug ORDER BY x.id OFFSET @offset LIMIT 1", new { slug, offset });
    }

    /// <summary>Every file under the folder, temporary ones included.</summary>
    public static string[] Files(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories) : [];
}
