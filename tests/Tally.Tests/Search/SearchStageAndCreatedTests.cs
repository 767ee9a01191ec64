using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Tally.Tests.Web;
using Tally.Web.Features.Search;

namespace Tally.Tests.Search;

/// <summary>
/// The workflow-stage and creation-date filters of a search, the filters carried by saved searches,
/// and the member's default search applied when the results page is opened afresh.
/// </summary>
public sealed class SearchStageAndCreatedTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>, IAsyncLifetime
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SearchWebFactory, Task<Rows>> Seeded = new();

    private sealed record Rows(Guid Inquiry, Guid Contacted, Guid LateEvening, Guid Client, Guid Session);

    private Rows _rows = null!;

    public async Task InitializeAsync() => _rows = await Seeded.GetValue(app, SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    // New York: 2026-03-31 02:30 UTC is still the evening of March 30 there.
    private static async Task<Rows> SeedAsync(SearchWebFactory app)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var studio = app.StudioAId;
        await conn.ExecuteAsync("UPDATE studios SET timezone = 'America/New_York' WHERE id = @studio", new { studio });
        var inquiry = await LeadAsync("inquiry", "2026-03-10 15:00Z");
        var contacted = await LeadAsync("contacted", "2026-03-20 15:00Z");
        await conn.ExecuteAsync("UPDATE leads SET workflow_stage = 'contacted' WHERE studio_id = @studio AND id = @contacted", new { studio, contacted });
        var lateEvening = await LeadAsync("evening", "2026-03-31 02:30Z");
        var client = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO clients (studio_id, id, first_name, last_name, email, created_at)
            VALUES (@studio, @client, 'Stagefen', 'Client', 'stagefen.client@example.com', '2026-03-15 15:00Z')
            """, new { studio, client });
        var session = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO sessions (studio_id, id, client_id, session_type, title, status, created_at)
            VALUES (@studio, @session, @client, 'portrait', 'Stagefen portraits', 'inquiry', '2026-04-02 15:00Z')
            """, new { studio, session, client });
        return new Rows(inquiry, contacted, lateEvening, client, session);

        async Task<Guid> LeadAsync(string tag, string createdAt)
        {
            var id = await SearchWebFactory.AddLeadAsync(conn, studio, "Stagefen", "Lead", $"stagefen.{tag}@example.com", null, null, null);
            await conn.ExecuteAsync("UPDATE leads SET created_at = @createdAt::timestamptz WHERE studio_id = @studio AND id = @id", new { studio, id, createdAt });
            return id;
        }
    }

    private async Task<SearchResponse> SearchAsync(string query)
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        return await WebAssert.OkJsonAsync<SearchResponse>(await client.GetAsync("/api/v1/search?q=stagefen&limit=50&" + query));
    }

    [Fact]
    public async Task Stage_KeepsLeadsInThatStage_AndLeavesOtherTypesOut()
    {
        Assert.Equal([_rows.Contacted], SearchApi.Ids(await SearchAsync("stage=contacted")));
        Assert.Equal(new[] { _rows.Inquiry, _rows.Contacted, _rows.LateEvening }.Order(), SearchApi.Ids(await SearchAsync("stage=inquiry,contacted")).Order());
    }

    [Fact]
    public async Task CreatedRange_IsTheStudiosCalendarDays_ForEveryType()
    {
        var march = await SearchAsync("createdFrom=2026-03-01&createdTo=2026-03-30");
        Assert.Equal(new[] { _rows.Inquiry, _rows.Contacted, _rows.LateEvening, _rows.Client }.Order(), SearchApi.Ids(march).Order());

        // 02:30 UTC on March 31 is March 30 in New York: not on or after March 31 there.
        var fromMarch31 = await SearchAsync("createdFrom=2026-03-31");
        Assert.Equal([_rows.Session], SearchApi.Ids(fromMarch31));

        var oneDay = await SearchAsync("createdFrom=2026-03-15&createdTo=2026-03-15");
        Assert.Equal([_rows.Client], SearchApi.Ids(oneDay));
    }

    [Theory]
    [InlineData("stage=booked,nowhere", "stage")]
    [InlineData("stage=won", "stage")]
    [InlineData("createdFrom=2026-02-30", "createdFrom")]
    [InlineData("createdTo=%3Cscript%3E", "createdTo")]
    [InlineData("createdFrom=2026-03-02&createdTo=2026-03-01", "createdTo")]
    public async Task InvalidFilter_Is400NamingIt(string query, string field)
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        using var response = await client.GetAsync("/api/v1/search?q=stagefen&" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task SavedSearch_KeepsTheNewFilters_AndItsResultsApplyThem()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        var criteria = new SavedSearchCriteria("stagefen", ["leads"], Stage: "contacted", CreatedFrom: "2026-03-01");
        using var created = await client.PostAsJsonAsync("/api/v1/saved-searches", new CreateSavedSearch("Contacted in spring", "leads", criteria, false));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = (await created.Content.ReadFromJsonAsync<SavedSearch>())!;

        Assert.Equal("contacted", saved.Criteria.Stage);
        Assert.Equal("2026-03-01", saved.Criteria.CreatedFrom);
        var results = await WebAssert.OkJsonAsync<SearchResponse>(await client.GetAsync($"/api/v1/saved-searches/{saved.Id}/results"));
        Assert.Equal([_rows.Contacted], SearchApi.Ids(results));
        Assert.Contains("stage=contacted", SavedSearchForms.ApplyLink(saved.Criteria), StringComparison.Ordinal);
        Assert.Contains("createdFrom=2026-03-01", SavedSearchForms.ApplyLink(saved.Criteria), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsPage_OpenedAfresh_AppliesTheDefaultSearch_ButNotWhenAskedForBlank()
    {
        // A member of its own so that no other test's default of "all" interferes.
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        var criteria = new SavedSearchCriteria("stagefen", null, Stage: "contacted");
        using var created = await client.PostAsJsonAsync("/api/v1/saved-searches", new CreateSavedSearch("My default", "all", criteria, true));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = (await created.Content.ReadFromJsonAsync<SavedSearch>())!;
        try
        {
            using var fresh = await client.GetAsync("/search");
            var html = await fresh.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Contains("stage=contacted", fresh.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
            Assert.Contains($"href=\"/leads/{_rows.Contacted}\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain($"href=\"/leads/{_rows.Inquiry}\"", html, StringComparison.Ordinal);

            using var blank = await client.GetAsync("/search?q=");
            Assert.Equal("?q=", blank.RequestMessage!.RequestUri!.Query);
        }
        finally
        {
            await client.DeleteAsync($"/api/v1/saved-searches/{saved.Id}");
        }
    }

    [Fact]
    public async Task ResultsPage_HasLabelledStageAndCreatedFilters_AndKeepsThemInPageLinks()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        var html = await client.GetStringAsync("/search?q=stagefen&stage=contacted&createdFrom=2026-03-01");

        foreach (var (id, name) in new[] { ("search-stage", "stage"), ("search-created-from", "createdFrom"), ("search-created-to", "createdTo") })
        {
            Assert.Contains($"<label for=\"{id}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{id}\" name=\"{name}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("<option value=\"contacted\" selected", html, StringComparison.Ordinal);
        // The "save this search" form carries the filters along.
        Assert.Contains("<input type=\"hidden\" name=\"stage\" value=\"contacted\"", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"createdFrom\" value=\"2026-03-01\"", html, StringComparison.Ordinal);
    }
}
