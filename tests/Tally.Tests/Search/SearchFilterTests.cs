using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Tally.Tests.Web;
using Tally.Web.Features.Leads;
using Tally.Web.Features.Search;

namespace Tally.Tests.Search;

/// <summary>Structured filters combined with a search, on GET /api/v1/search and the results page.</summary>
public sealed class SearchFilterTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>, IAsyncLifetime
{
    // The test class is created per test; the rows are added once per fixture.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SearchWebFactory, Task<Rows>> Seeded = new();

    private sealed record Rows(Guid Won, Guid LostGoogle, Guid NewAssigned, Guid BookedSession, Guid Member);

    private Guid _won, _lostGoogle, _newAssigned, _bookedSession, _member;

    public async Task InitializeAsync()
    {
        var rows = await Seeded.GetValue(app, SeedAsync);
        (_won, _lostGoogle, _newAssigned, _bookedSession, _member) = (rows.Won, rows.LostGoogle, rows.NewAssigned, rows.BookedSession, rows.Member);
    }

    private static async Task<Rows> SeedAsync(SearchWebFactory app)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var studio = app.StudioAId;
        var member = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM admin_users WHERE studio_id = @studio ORDER BY id LIMIT 1", new { studio });
        var won = await AddAsync("won", "instagram", new DateOnly(2027, 6, 12), null);
        var lostGoogle = await AddAsync("lost", "google", new DateOnly(2027, 9, 1), null);
        var newAssigned = await AddAsync("new", "referral", null, member);
        await conn.ExecuteAsync("""
            INSERT INTO clients (studio_id, id, first_name, last_name, email) VALUES (@studio, @id, 'Filtermoor', 'Client', 'filtermoor.client@example.com')
            """, new { studio, id = Guid.CreateVersion7() });
        var booked = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO sessions (studio_id, id, client_id, session_type, title, status, starts_at, ends_at)
            VALUES (@studio, @booked, @client, 'portrait', 'Filtermoor portraits', 'booked', '2027-06-12 10:00Z', '2027-06-12 12:00Z'),
                   (@studio, @inquiry, @client, 'portrait', 'Filtermoor inquiry', 'inquiry', NULL, NULL)
            """, new { studio, booked, inquiry = Guid.CreateVersion7(), client = app.ClientZoeA });
        return new Rows(won, lostGoogle, newAssigned, booked, member);

        async Task<Guid> AddAsync(string status, string source, DateOnly? eventDate, Guid? assigned)
        {
            var id = await SearchWebFactory.AddLeadAsync(conn, studio, "Filtermoor", "Lead", $"filtermoor.{status}@example.com", null, null, null);
            await conn.ExecuteAsync("""
                UPDATE leads SET status = @status, source = @source, event_date = @eventDate, assigned_to = @assigned
                WHERE studio_id = @studio AND id = @id
                """, new { studio, id, status, source, eventDate, assigned });
            return id;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<SearchResponse> SearchAsync(string query)
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        return await WebAssert.OkJsonAsync<SearchResponse>(await client.GetAsync("/api/v1/search?q=filtermoor&limit=50&" + query));
    }

    [Fact]
    public async Task NoFilter_FindsEveryType()
    {
        var all = await SearchAsync("");

        Assert.Equal(["client", "lead", "session"], all.Results.Select(r => r.Type).Distinct().Order());
    }

    [Fact]
    public async Task Status_KeepsLeadsAndSessionsOfThatStatus_AndLeavesClientsOut()
    {
        var won = await SearchAsync("status=won");
        Assert.Equal([_won], SearchApi.Ids(won));

        var booked = await SearchAsync("status=booked,lost");
        Assert.Equal(new[] { _lostGoogle, _bookedSession }.Order(), SearchApi.Ids(booked).Order());
    }

    [Fact]
    public async Task Source_DateRange_AndAssignedTo_FilterLeads()
    {
        Assert.Equal([_lostGoogle], SearchApi.Ids(await SearchAsync("source=google")));
        Assert.Equal([_newAssigned], SearchApi.Ids(await SearchAsync("assignedTo=" + _member)));

        var june = await SearchAsync("from=2027-06-01&to=2027-06-30");
        Assert.Equal(new[] { _won, _bookedSession }.Order(), SearchApi.Ids(june).Order());
        Assert.Equal([_won], SearchApi.Ids(await SearchAsync("from=2027-06-01&to=2027-06-30&types=leads")));
    }

    [Fact]
    public async Task Filters_ApplyBeforeTheCandidateCap()
    {
        await using (var conn = await app.Database.OpenOwnerAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO leads (studio_id, id, first_name, last_name, email, status)
                SELECT @studio, gen_random_uuid(), 'Capfilter', 'Many' || n, 'capfilter' || n || '@example.com', 'new' FROM generate_series(1, @n) n
                """, new { studio = app.StudioAId, n = SearchSql.Candidates + 50 });
        }
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        await using (var conn = await app.Database.OpenOwnerAsync())
        {
            var archived = await SearchWebFactory.AddLeadAsync(conn, app.StudioAId, "Capfilter", "Last", "capfilter.last@example.com", null, null, null);
            await conn.ExecuteAsync("UPDATE leads SET status = 'archived' WHERE studio_id = @s AND id = @id", new { s = app.StudioAId, id = archived });

            var found = await WebAssert.OkJsonAsync<SearchResponse>(await client.GetAsync("/api/v1/search?q=capfilter&status=archived"));

            Assert.Equal([archived], SearchApi.Ids(found));
        }
    }

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("status=won,Won", "status")]
    [InlineData("source=myspace", "source")]
    [InlineData("from=2027-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2027-06-02&to=2027-06-01", "to")]
    [InlineData("assignedTo=someone", "assignedTo")]
    [InlineData("assignedTo=%27%3B%20DROP%20TABLE%20leads%3B--", "assignedTo")]
    public async Task InvalidFilter_Is400NamingIt(string query, string field)
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        using var response = await client.GetAsync("/api/v1/search?q=filtermoor&" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public void AllowedLists_AreTheSchemaCheckLists()
    {
        Assert.Contains("proposal_sent", SearchFilters.AllStatuses);
        Assert.Equal(LeadStatuses.All, SearchFilters.AllStatuses.Take(LeadStatuses.All.Count));
    }

    [Fact]
    public async Task AllowedLists_MatchTheConstraints()
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var defs = (await conn.QueryAsync<(string Name, string Def)>("""
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conname IN ('leads_status_check', 'leads_source_check', 'sessions_status_check')
            """)).ToDictionary(d => d.Name, d => d.Def);

        Assert.All(LeadStatuses.All, s => Assert.Contains($"'{s}'", defs["leads_status_check"], StringComparison.Ordinal));
        Assert.All(SearchFilters.LeadSources, s => Assert.Contains($"'{s}'", defs["leads_source_check"], StringComparison.Ordinal));
        Assert.All(SearchFilters.SessionStatuses, s => Assert.Contains($"'{s}'", defs["sessions_status_check"], StringComparison.Ordinal));
        Assert.Equal(SearchFilters.LeadSources.Count, defs["leads_source_check"].Split("'::text", StringSplitOptions.None).Length - 1);
        Assert.Equal(SearchFilters.SessionStatuses.Count, defs["sessions_status_check"].Split("'::text", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public async Task ResultsPage_HasLabelledFilters_AndAppliesThem()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        var html = await client.GetStringAsync("/search?q=filtermoor&status=won");

        foreach (var (id, name) in new[] { ("search-status", "status"), ("search-source", "source"), ("search-from", "from"), ("search-to", "to"), ("search-assigned", "assignedTo") })
        {
            Assert.Contains($"<label for=\"{id}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{id}\" name=\"{name}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("<option value=\"won\" selected", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"group-lead\">Leads</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2 id=\"group-client\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2 id=\"group-session\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsPage_InvalidFilter_Is400WithAMessage()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        using var response = await client.GetAsync("/search?q=filtermoor&source=nowhere");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("source must be", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
