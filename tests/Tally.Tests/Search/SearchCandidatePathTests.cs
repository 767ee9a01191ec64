using System.Text.Json;
using Dapper;
using Npgsql;

namespace Tally.Tests.Search;

/// <summary>
/// The three paths of auth.search_candidates (0024, docs/search.md "Bounded by design"): the probe
/// of the studio's newest 200 rows answers alone, a query common in them is walked on newest first,
/// a rarer one (or a walk that falls short) goes to the GIN index. Each path must return exactly the
/// matching rows the caller may see, once each. The leads are numbered 1 to 600 by id, so "newest"
/// is known: a walk returns the newest matches, the index returns them in heap order (oldest first).
/// </summary>
public sealed class SearchCandidatePathTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>, IAsyncLifetime
{
    private const int Leads = 600;
    private const int Cap = 40;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SearchWebFactory, Task<Guid>> Seeded = new();

    private Guid _member;

    public async Task InitializeAsync() => _member = await Seeded.GetValue(app, SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    // Ids above every v7 id of the demo data (the ffffffff timestamp), in the order of n.
    private static Guid IdOf(int n) => Guid.Parse($"ffffffff-0000-7000-8000-{n:x12}");

    private static async Task<Guid> SeedAsync(SearchWebFactory app)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var member = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM admin_users WHERE studio_id = @studio ORDER BY id LIMIT 1", new { studio = app.StudioAId });
        await conn.ExecuteAsync("""
            INSERT INTO leads (studio_id, id, first_name, last_name, email, source, assigned_to, message)
            SELECT @studio, ('ffffffff-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'Pathlead', 'Number' || n,
                   'pathlead' || n || '@example.com',
                   CASE WHEN n % 20 = 0 THEN 'google' ELSE 'referral' END,
                   CASE WHEN n IN (100, 200, 300) THEN @member END,
                   concat_ws(' ', 'Hello',
                     CASE WHEN n % 10 = 0 THEN 'probecommon' END,
                     CASE WHEN n BETWEEN 589 AND 600 THEN 'probeshort' END,
                     CASE WHEN n <= 3 THEN 'probeold' END,
                     CASE WHEN n > @leads - 200 THEN 'probefull' END)
            FROM generate_series(1, @leads) n
            """, new { studio = app.StudioAId, member, leads = Leads });
        return member;
    }

    [Fact]
    public async Task CommonInTheNewestRows_IsWalkedNewestFirst_UpToTheCap()
    {
        // 20 of the newest 200 match (10%): walked on until 40, the newest 40 matches.
        var expected = Numbers(n => n % 10 == 0).OrderDescending().Take(Cap);

        var found = await CandidatesAsync("probecommon", Owner());

        Assert.Equal(expected.Order(), found.Order());
    }

    [Fact]
    public async Task CommonInTheProbeButFewerThanTheCap_TheIndexAnswersAlone_EachRowOnce()
    {
        // 12 in the newest 200 and none before: the walk falls short, the index returns all 12, once each.
        var found = await CandidatesAsync("probeshort", Owner());

        Assert.Equal(Numbers(n => n >= 589), found.Order());
    }

    [Fact]
    public async Task RareInTheNewestRows_IsFoundThroughTheIndex()
    {
        // None of the newest 200 match: only the index can find the three oldest.
        var found = await CandidatesAsync("probeold", Owner());

        Assert.Equal([1, 2, 3], found.Order());
    }

    [Fact]
    public async Task EnoughMatchesInTheProbe_AreTheAnswer()
    {
        var found = await CandidatesAsync("probefull", Owner());

        Assert.Equal(Cap, found.Count);
        Assert.Equal(Cap, found.Distinct().Count());
        Assert.All(found, n => Assert.InRange(n, Leads - 199, Leads));
    }

    [Fact]
    public async Task Filters_ApplyInTheProbe()
    {
        // 30 leads from google, all matching: fewer than 200 pass the filter, so the probe saw them all.
        var found = await CandidatesAsync("probecommon", Owner(), sources: ["google"]);

        Assert.Equal(Numbers(n => n % 20 == 0), found.Order());
    }

    [Fact]
    public async Task Staff_GetOnlyTheirAssignedLeads_OnEveryPath()
    {
        var staff = Claims("staff", _member);

        Assert.Equal([100, 200, 300], (await CandidatesAsync("probecommon", staff)).Order());
        Assert.Empty(await CandidatesAsync("probeold", staff));
    }

    private static List<int> Numbers(Func<int, bool> which) => Enumerable.Range(1, Leads).Where(which).ToList();

    private string Owner() => Claims("owner", _member);

    private string Claims(string role, Guid user) => JsonSerializer.Serialize(new { sub = user, role, studio_id = app.StudioAId });

    /// <summary>The candidates as tally_app with the given claims, as numbers n of the seeded leads.</summary>
    private async Task<List<int>> CandidatesAsync(string word, string claims, string[]? sources = null)
    {
        await using var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("SELECT set_config('request.jwt.claims', @claims, true)", new { claims }, tx);
        var ids = await conn.QueryAsync<Guid>("""
            SELECT c.id FROM auth.search_candidates('leads', search_query(ARRAY[@word], '{}'::text[], '{}'::text[]), NULL, @cap,
                                                    NULL, @sources::text[], NULL, NULL, NULL, NULL, NULL, NULL) c
            """, new { word, cap = Cap, sources }, tx);
        var numbers = Enumerable.Range(1, Leads).ToDictionary(IdOf);
        return ids.Select(id => numbers[id]).ToList();
    }
}
