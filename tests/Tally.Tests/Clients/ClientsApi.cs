using System.Net.Http.Json;
using Dapper;
using Tally.Tests.Web;
using Tally.Web.Features.Clients;

namespace Tally.Tests.Clients;

/// <summary>Requests and data the clients and sessions tests share.</summary>
internal static class ClientsApi
{
    public const string Studio = "aurora-studio";
    public const string Base = "/api/v1/studios/aurora-studio/clients";

    /// <summary>A valid client body with an email no other test uses.</summary>
    public static Dictionary<string, object?> Body(string? email = null, string firstName = "Amélie") => new()
    {
        ["firstName"] = firstName,
        ["lastName"] = "Laurent",
        ["email"] = email ?? $"client-{Guid.NewGuid():N}@example.com",
        ["phone"] = "+33 6 12 34 56 78",
        ["city"] = "Lyon",
        ["country"] = "fr",
    };

    public static async Task<(Client Client, string ETag)> CreateAsync(HttpClient http, Dictionary<string, object?>? body = null)
    {
        using var response = await http.PostAsJsonAsync(Base, body ?? Body());
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            Assert.Fail($"create client: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var client = (await response.Content.ReadFromJsonAsync<Client>())!;
        return (client, response.Headers.ETag!.ToString());
    }

    public static HttpRequestMessage Put(string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    /// <summary>A client of north-light: another studio than the signed-in owner's.</summary>
    public static async Task<Guid> OtherStudioClientAsync(TallyWebFactory app)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return await owner.QueryFirstAsync<Guid>(
            "SELECT c.id FROM clients c JOIN studios s ON s.id = c.studio_id WHERE s.slug = 'north-light' ORDER BY c.id LIMIT 1");
    }

    public static async Task<long> CountAsync(TallyWebFactory app, string table = "clients")
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return await owner.ExecuteScalarAsync<long>(
            $"SELECT count(*) FROM {table} t JOIN studios s ON s.id = t.studio_id WHERE s.slug = 'aurora-studio'");
    }
}
