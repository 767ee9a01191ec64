using Dapper;
using Npgsql;
using Tally.Data.Seeding;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Audit;

/// <summary>
/// The seed's audit trail (the large scale writes 10M rows the same way), at a few thousand rows for
/// the two demo studios: its rows land in the partitions of the months they cover, not the default
/// one; they look like the trigger's and the sign-in events' rows; every chain verifies; and the
/// indexes set aside for the load are all back.
/// </summary>
public sealed class AuditTrailSeedTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task SeedDemoTrail_WritesSealedTrailsThatVerify_InMonthlyPartitions()
    {
        await DemoSeeder.SeedSmallAsync(db.OwnerConnectionString);
        await using var superuser = new NpgsqlConnection(db.SuperuserConnectionString);
        await superuser.OpenAsync();
        var indexesBefore = await IndexesAsync(superuser);
        var before = await superuser.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log");

        await AuditTrailSeeder.SeedDemoTrailAsync(db.OwnerConnectionString, [3000, 1500]);

        var after = await superuser.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log");
        var inDefault = await superuser.ExecuteScalarAsync<long>("SELECT count(*) FROM audit.audit_log_default");
        var months = await superuser.ExecuteScalarAsync<long>("SELECT count(DISTINCT tableoid) FROM audit_log");
        var actions = (await superuser.QueryAsync<string>("SELECT DISTINCT action FROM audit_log")).ToHashSet();
        var badUpdates = await superuser.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM audit_log
            WHERE action = 'update' AND (cardinality(changed_fields) = 0 OR old_values IS NULL OR NOT new_values ?& changed_fields)
            """);
        // The trail's rows (the demo seed's own rows, written now without a request, have no user).
        var anonymous = await superuser.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM audit_log
            WHERE occurred_at < now() - interval '1 day' AND action <> 'sign_in_failed' AND (user_id IS NULL OR user_ip IS NULL OR user_agent IS NULL)
            """);
        var chains = (await superuser.QueryAsync<(string Slug, bool Ok, long Sealed, long Unsealed)>("""
            SELECT s.slug, v.ok, v.sealed, v.unsealed FROM studios s CROSS JOIN LATERAL audit.verify(s.id) v ORDER BY s.slug
            """)).ToList();

        Assert.Equal(before + 4500, after);
        Assert.Equal(0, inDefault);
        Assert.True(months > 12, $"{months} partitions hold the trail");
        Assert.Superset(new HashSet<string> { "insert", "update", "delete", "sign_in", "sign_in_failed" }, actions);
        Assert.Equal(0, badUpdates);
        Assert.Equal(0, anonymous);
        Assert.Equal(2, chains.Count);
        Assert.All(chains, c => Assert.True(c.Ok && c.Unsealed == 0, c.Slug));
        Assert.True(chains.Single(c => c.Slug == "aurora-studio").Sealed > 3000);
        Assert.Equal(indexesBefore, await IndexesAsync(superuser));
        // Every partition, old months included, has each of the parent's indexes.
        var partitionsMissingAnIndex = await superuser.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM pg_inherits p
            WHERE p.inhparent = 'public.audit_log'::regclass
              AND (SELECT count(*) FROM pg_index i WHERE i.indrelid = p.inhrelid AND i.indisvalid)
                  <> (SELECT count(*) FROM pg_index i WHERE i.indrelid = 'public.audit_log'::regclass)
            """);
        Assert.Equal(0, partitionsMissingAnIndex);
    }

    /// <summary>The indexes of audit_log (the partitioned parent), each with its definition and whether it is valid.</summary>
    private static async Task<List<string>> IndexesAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<string>("""
            SELECT pg_get_indexdef(i.indexrelid) || ' ' || i.indisvalid FROM pg_index i
            WHERE i.indrelid = 'public.audit_log'::regclass
            ORDER BY 1
            """)).ToList();
}
