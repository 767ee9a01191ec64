using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Tally.Tests.Web;
using Tally.Web.Features.Leads;

namespace Tally.Tests.Leads;

/// <summary>Requests and database look-ups the leads tests share.</summary>
internal static class LeadsApi
{
    public const string Studio = "aurora-studio";
    public const string Base = "/api/v1/studios/aurora-studio/leads";

    public static async Task<(LeadDetail Lead, string ETag)> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(Base, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        var lead = (await response.Content.ReadFromJsonAsync<LeadDetail>())!;
        return (lead, response.Headers.ETag!.ToString());
    }

    public static async Task<(LeadDetail Lead, string ETag)> GetAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"{Base}/{id}");
        var lead = await WebAssert.OkJsonAsync<LeadDetail>(response);
        return (lead, response.Headers.ETag!.ToString());
    }

    public static HttpRequestMessage Write(HttpMethod method, Guid id, object body, string? ifMatch, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(method, $"{Base}/{id}") { Content = JsonContent.Create(body, new MediaTypeHeaderValue(mediaType)) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    /// <summary>Every page of a list, following `next`, as the ids in order.</summary>
    public static async Task<List<Guid>> AllPagesAsync(HttpClient client, string query, int limit)
    {
        var ids = new List<Guid>();
        string? after = null;
        var pages = 0;
        do
        {
            var url = $"{Base}?limit={limit}{(query.Length > 0 ? "&" + query : "")}{(after is null ? "" : "&after=" + after)}";
            var page = await WebAssert.OkJsonAsync<LeadListPage>(await client.GetAsync(url));
            Assert.True(page.Items.Count <= limit);
            if (page.Next is not null)
            {
                Assert.Equal(limit, page.Items.Count);
            }
            ids.AddRange(page.Items.Select(l => l.Id));
            after = page.Next;
            Assert.True(++pages < 10_000, "paging does not end");
        }
        while (after is not null);
        return ids;
    }

    /// <summary>The ids the list should show, straight from the database as the owner, in the sort's order.</summary>
    public static async Task<List<Guid>> ExpectedAsync(TallyWebFactory app, string where, string orderBy, object? args = null, string studio = Studio)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var p = new DynamicParameters(args);
        p.Add("slug", studio);
        return (await conn.QueryAsync<Guid>(
            $"SELECT l.id FROM leads l JOIN studios s ON s.id = l.studio_id WHERE s.slug = @slug AND {where} ORDER BY {orderBy}", p)).AsList();
    }

    public static async Task<T> ScalarAsync<T>(TallyWebFactory app, string sql, object? args = null)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static async Task<T> SingleAsync<T>(TallyWebFactory app, string sql, object? args = null)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        return await conn.QuerySingleAsync<T>(sql, args);
    }

    public static async Task ExecuteAsync(TallyWebFactory app, string sql, object? args = null)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        await conn.ExecuteAsync(sql, args);
    }

    public static object ValidLead(string? email = null) => new
    {
        firstName = "Ines",
        lastName = "Moreau",
        email = email ?? $"ines.{Guid.NewGuid():N}@example.com",
        phone = "+33 6 12 34 56 78",
        eventType = "wedding",
        eventDate = "2027-06-12",
        venue = "Château de Lourmarin",
        guestCount = 120,
        budget = 6500.00m,
        currency = "EUR",
        source = "instagram",
        message = "We would love an engagement shoot too.",
    };
}
