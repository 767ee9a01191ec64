using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;
using Tally.Web.Features.Audit;

namespace Tally.Tests.Audit;

/// <summary>The web app's background sealer, run as the app role: one instance at a time, seals everything pending.</summary>
public sealed class AuditSealerTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task RunOnce_AsTheAppRole_SealsEveryPendingRowAndVerifies_ButSkipsWhileAnotherInstanceHoldsTheLock()
    {
        await using (var owner = await db.OpenOwnerAsync())
        {
            await owner.ExecuteAsync("""
                INSERT INTO studios (id, slug, name, timezone) VALUES
                  ('00000000-0000-7000-8000-0000000005e1', 'sealer-one', 'One', 'UTC'),
                  ('00000000-0000-7000-8000-0000000005e2', 'sealer-two', 'Two', 'UTC');
                UPDATE studios SET name = name || ' Studio';
                """);
        }
        await using var dataSource = NpgsqlDataSource.Create(db.AppConnectionString);

        await using (var other = await dataSource.OpenConnectionAsync())
        await using (var tx = await other.BeginTransactionAsync())
        {
            await other.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AuditSealer.LockKey }, tx);
            Assert.Null(await AuditSealer.RunOnceAsync(dataSource, maintain: true, CancellationToken.None));
        }
        var round = await AuditSealer.RunOnceAsync(dataSource, maintain: true, CancellationToken.None);

        await using var check = await db.OpenOwnerAsync();
        Assert.Equal(new SealRound(4, 0), round);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE seq IS NULL"));
        Assert.Equal(2, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM audit.chain_heads WHERE verified_ok"));
    }
}
