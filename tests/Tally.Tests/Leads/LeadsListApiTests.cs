using System.Net;
using Tally.Tests.Web;
using Tally.Web.Features.Leads;

namespace Tally.Tests.Leads;

/// <summary>GET /api/v1/studios/{slug}/leads: keyset paging, sorts, filters, errors.</summary>
public sealed class LeadsListApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private const string Working = "l.archived_at IS NULL";

    [Theory]
    [InlineData("", "l.created_at DESC, l.id DESC")]
    [InlineData("sort=oldest", "l.created_at, l.id")]
    [InlineData("sort=event", "coalesce(l.event_date, 'infinity'::date), l.id")]
    [InlineData("sort=name", "coalesce(l.last_name, ''), l.first_name, l.id")]
    public async Task List_EverySort_AllPagesCoverEachLeadOnceInOrder(string query, string orderBy)
    {
        var client = await app.CreateSignedInClientAsync();

        var ids = await LeadsApi.AllPagesAsync(client, query, limit: 37);

        Assert.Equal(await LeadsApi.ExpectedAsync(app, Working, orderBy), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task List_TiesOnTheSortKey_PagesNeitherRepeatNorSkip()
    {
        // Twelve leads created in the same microsecond: only the id orders them.
        var created = DateTime.UtcNow.AddYears(1);
        await LeadsApi.ExecuteAsync(app, """
            INSERT INTO leads (studio_id, id, first_name, last_name, email, event_date, created_at)
            SELECT s.id, gen_random_uuid(), 'Tie', 'Same', 'tie' || g || '@example.com', DATE '2030-01-01', @created
            FROM studios s, generate_series(1, 12) g WHERE s.slug = 'aurora-studio'
            """, new { created });
        var client = await app.CreateSignedInClientAsync();

        foreach (var (query, orderBy) in new[]
                 {
                     ("", "l.created_at DESC, l.id DESC"),
                     ("sort=event&from=2030-01-01&to=2030-01-01", "l.event_date, l.id"),
                     ("sort=name", "coalesce(l.last_name, ''), l.first_name, l.id"),
                 })
        {
            var ids = await LeadsApi.AllPagesAsync(client, query, limit: 5);
            var where = query.Contains("2030", StringComparison.Ordinal) ? Working + " AND l.event_date = DATE '2030-01-01'" : Working;
            Assert.Equal(await LeadsApi.ExpectedAsync(app, where, orderBy), ids);
        }
    }

    [Fact]
    public async Task List_Filters_ShowExactlyTheMatchingLeads()
    {
        var client = await app.CreateSignedInClientAsync();
        var member = await LeadsApi.ScalarAsync<Guid>(app,
            "SELECT l.assigned_to FROM leads l JOIN studios s ON s.id = l.studio_id WHERE s.slug = 'aurora-studio' AND l.assigned_to IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        var cases = new (string Query, string Where, object? Args)[]
        {
            ("status=new", "l.status = 'new'", null),
            ("source=instagram", "l.source = 'instagram'", null),
            ("from=2026-01-01&to=2026-12-31", "l.event_date BETWEEN DATE '2026-01-01' AND DATE '2026-12-31'", null),
            ("assignedTo=unassigned", "l.assigned_to IS NULL", null),
            ($"assignedTo={member}", "l.assigned_to = @member", new { member }),
            ("status=won&source=referral", "l.status = 'won' AND l.source = 'referral'", null),
        };
        foreach (var (query, where, args) in cases)
        {
            var expected = await LeadsApi.ExpectedAsync(app, $"{Working} AND {where}", "l.created_at DESC, l.id DESC", args);
            var ids = await LeadsApi.AllPagesAsync(client, query, limit: 50);
            Assert.True(expected.SequenceEqual(ids), $"{query}: expected {expected.Count}, got {ids.Count}");
        }
    }

    [Fact]
    public async Task List_Defaults_FirstPageOfFiftyNewestWithNext()
    {
        var page = await WebAssert.OkJsonAsync<LeadListPage>(await (await app.CreateSignedInClientAsync()).GetAsync(LeadsApi.Base));

        Assert.Equal(50, page.Items.Count);
        Assert.Equal(50, page.Limit);
        Assert.Equal("newest", page.Sort);
        Assert.NotNull(page.Next);
        Assert.Equal(page.Items.Select(l => l.CreatedAt).OrderDescending(), page.Items.Select(l => l.CreatedAt));
    }

    [Fact]
    public async Task List_OtherStudiosSlug_Returns404WithoutItsLeads()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/api/v1/studios/north-light/leads");

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.False(problem.TryGetProperty("items", out _));
    }

    [Fact]
    public async Task List_UnknownStudio_Returns404()
    {
        await WebAssert.ProblemAsync(await (await app.CreateSignedInClientAsync()).GetAsync("/api/v1/studios/no-such-studio/leads"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_Anonymous_Returns401()
    {
        await WebAssert.ProblemAsync(await app.CreateClient().GetAsync(LeadsApi.Base), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("aurora-studio", "status=pending", "status")]
    [InlineData("aurora-studio", "source=tiktok", "source")]
    [InlineData("aurora-studio", "from=12/06/2027", "from")]
    [InlineData("aurora-studio", "to=2027-02-30", "to")]
    [InlineData("aurora-studio", "from=2027-06-02&to=2027-06-01", "to")]
    [InlineData("aurora-studio", "assignedTo=someone", "assignedTo")]
    [InlineData("aurora-studio", "archived=yes", "archived")]
    [InlineData("aurora-studio", "sort=price", "sort")]
    [InlineData("aurora-studio", "after=not-a-cursor", "after")]
    [InlineData("aurora-studio", "limit=0", "limit")]
    [InlineData("aurora-studio", "limit=201", "limit")]
    [InlineData("aurora-studio", "limit=1e3", "limit")]
    [InlineData("Aurora_Studio", "", "slug")]
    public async Task List_InvalidParameter_Returns400WithThatField(string slug, string query, string field)
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync($"/api/v1/studios/{slug}/leads?{query}");

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.GetRawText());
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Fact]
    public async Task List_CursorOfAnotherSort_Returns400()
    {
        var client = await app.CreateSignedInClientAsync();
        var first = await WebAssert.OkJsonAsync<LeadListPage>(await client.GetAsync($"{LeadsApi.Base}?limit=5"));

        var response = await client.GetAsync($"{LeadsApi.Base}?limit=5&sort=name&after={first.Next}");

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("after", out _));
    }

    [Fact]
    public async Task List_ArchivedLead_LeavesTheWorkingListAndShowsWithArchived()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{LeadsApi.Base}/{lead.Id}")).StatusCode);

        Assert.DoesNotContain(lead.Id, await LeadsApi.AllPagesAsync(client, "", 200));
        Assert.Equal([lead.Id], await LeadsApi.AllPagesAsync(client, "archived=true", 200));
    }
}
