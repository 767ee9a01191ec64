using System.Net;
using Dapper;
using Tally.Tests.Security;

namespace Tally.Tests.Documents;

/// <summary>A portal client downloads their own documents and nobody else's (through the portal's own sign-in cookie).</summary>
public sealed class PortalDocumentTests(PortalDocumentsFactory app) : IClassFixture<PortalDocumentsFactory>
{
    [Fact]
    public async Task Client_FetchesTheirOwnDocument_ButNotAnotherClients()
    {
        var w = app.World;
        var id = Guid.CreateVersion7();
        var key = $"{w.ClientA1.StudioId:N}/{Guid.NewGuid():N}";
        var bytes = "%PDF-1.4\nA1's contract\n"u8.ToArray();
        Directory.CreateDirectory(Path.Combine(app.DocumentsDirectory, $"{w.ClientA1.StudioId:N}"));
        await File.WriteAllBytesAsync(Path.Combine(app.DocumentsDirectory, key), bytes);
        await using (var owner = await app.Database.OpenOwnerAsync())
        {
            await owner.ExecuteAsync("""
                INSERT INTO documents (studio_id, id, client_id, kind, file_name, content_type, byte_size, storage_key)
                VALUES (@studio, @id, @client, 'contract', 'A1 contract.pdf', 'application/pdf', @size, @key)
                """, new { studio = w.ClientA1.StudioId, id, client = w.ClientA1.ClientId, size = bytes.Length, key });
        }
        var principals = HttpPrincipal.All(app).ToDictionary(p => p.Name);

        using var own = Request(principals[HttpPrincipal.ClientA1], $"/portal/documents/{id}");
        using var other = Request(principals[HttpPrincipal.ClientA2], $"/portal/documents/{id}");
        using var ownAnswer = await app.Raw().SendAsync(own);
        using var otherAnswer = await app.Raw().SendAsync(other);

        Assert.Equal(HttpStatusCode.OK, ownAnswer.StatusCode);
        Assert.Equal(bytes, await ownAnswer.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", ownAnswer.Content.Headers.ContentDisposition?.DispositionType);
        using var ownList = Request(principals[HttpPrincipal.ClientA1], "/portal/documents");
        using var otherList = Request(principals[HttpPrincipal.ClientA2], "/portal/documents");
        Assert.Contains($"href=\"/portal/documents/{id}\"", await (await app.Raw().SendAsync(ownList)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), await (await app.Raw().SendAsync(otherList)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherAnswer.StatusCode);
        Assert.DoesNotContain("A1 contract", await otherAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(HttpPrincipal principal, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        principal.Apply(request);
        return request;
    }
}
