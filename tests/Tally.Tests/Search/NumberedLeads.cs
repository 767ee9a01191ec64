using System.Text.Json;
using Dapper;
using Npgsql;

namespace Tally.Tests.Search;

/// <summary>
/// 600 leads of studio A numbered 1 to 600 by id (ids above every v7 id of the demo data), with words
/// placed by number, for tests of the paths auth.search_candidates takes: "newest" is then known.
/// probecommon: every 10th; probeshort: 589 to 600; probeold: 1 to 3; probefull: the newest 200.
/// Leads 100, 200 and 300 are assigned to the studio's first team member; every 20th is from google.
/// </summary>
internal static class NumberedLeads
{
    public const int Count = 600;
    public const int Cap = 40;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SearchWebFactory, Task<Guid>> Seeded = new();

    /// <summary>Seeds the leads once per factory; returns the team member they are assigned to.</summary>
    public static Task<Guid> SeedOnceAsync(SearchWebFactory app) => Seeded.GetValue(app, SeedAsync);

    public static Guid IdOf(int n) => Guid.Parse($"ffffffff-0000-7000-8000-{n:x12}");

    public static List<int> Numbers(Func<int, bool> which) => Enumerable.Range(1, Count).Where(which).ToList();

    public static string Claims(SearchWebFactory app, string role, Guid user) => JsonSerializer.Serialize(new { sub = user, role, studio_id = app.StudioAId });

    /// <summary>What a search found, as numbers n (0 for a lead not of the 600), and how often it read studio A's own leads index.</summary>
    public sealed record Found(List<int> Numbers, long OwnIndexScans);

    /// <summary>The candidates as tally_app with the given claims.</summary>
    public static async Task<Found> CandidatesAsync(SearchWebFactory app, string word, string claims, string[]? sources = null)
    {
        await using var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("SELECT set_config('request.jwt.claims', @claims, true)", new { claims }, tx);
        var ids = await conn.QueryAsync<Guid>("""
            SELECT c.id FROM auth.search_candidates('leads', search_query(ARRAY[@word], '{}'::text[], '{}'::text[]), NULL, @cap,
                                                    NULL, @sources::text[], NULL, NULL, NULL, NULL, NULL, NULL) c
            """, new { word, cap = Cap, sources }, tx);
        // This transaction's own counts: what the call above read, and nothing of other sessions.
        var scans = await conn.ExecuteScalarAsync<long>(
            "SELECT coalesce(pg_stat_get_xact_numscans(to_regclass(@name)), 0)", new { name = "public." + OwnIndexName(app) }, tx);
        var numbers = Enumerable.Range(1, Count).ToDictionary(IdOf);
        return new Found(ids.Select(id => numbers.GetValueOrDefault(id)).ToList(), scans);
    }

    /// <summary>Studio A's own index of leads, by the name search_studio_index_name gives it.</summary>
    public static string OwnIndexName(SearchWebFactory app) => $"leads_search_{app.StudioAId:N}_idx";

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
            """, new { studio = app.StudioAId, member, leads = Count });
        return member;
    }
}
