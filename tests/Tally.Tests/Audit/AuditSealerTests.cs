using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;
using Tally.Web.Features.Audit;

namespace Tally.Tests.Audit;

/// <summary>
/// The web app's background jobs of the trail, run as the app role: the sealer seals everything
/// pending, one instance at a time, and leaves verifying to the verifier, which verifies one studio
/// per call, the one verified longest ago first, until none is due. Each test has its own two
/// studios: the class's tests share a database.
/// </summary>
public sealed class AuditSealerTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task TheSealer_SealsEveryPendingRow_WithoutVerifying_ButSkipsWhileAnotherInstanceHoldsTheLock()
    {
        var (one, two) = await AddTwoStudiosAsync("sealer");
        await using var dataSource = NpgsqlDataSource.Create(db.AppConnectionString);

        await using (var other = await dataSource.OpenConnectionAsync())
        await using (var tx = await other.BeginTransactionAsync())
        {
            await other.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AuditSealer.LockKey }, tx);
            Assert.Null(await AuditSealer.RunOnceAsync(dataSource, maintain: true, CancellationToken.None));
        }
        var sealedRows = await AuditSealer.RunOnceAsync(dataSource, maintain: true, CancellationToken.None);

        await using var check = await db.OpenOwnerAsync();
        Assert.Equal(4, sealedRows);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE seq IS NULL AND studio_id IN (@one, @two)", new { one, two }));
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM audit.chain_heads WHERE verified_at IS NOT NULL AND studio_id IN (@one, @two)", new { one, two }));
    }

    [Fact]
    public async Task TheVerifier_VerifiesEachDueStudioOnce_OldestFirst_AndNotWhileAnotherInstanceHoldsItsLock()
    {
        var (one, two) = await AddTwoStudiosAsync("verifier");
        await using var dataSource = NpgsqlDataSource.Create(db.AppConnectionString);
        Assert.NotNull(await AuditSealer.RunOnceAsync(dataSource, maintain: false, CancellationToken.None));
        await using (var owner = await db.OpenOwnerAsync())
        {
            // Two was verified two days ago, one never: one first, then two; then none is due.
            await owner.ExecuteAsync("UPDATE audit.chain_heads SET verified_at = now() - interval '2 days' WHERE studio_id = @two", new { two });
        }

        ChainCheck? whileLocked;
        await using (var other = await dataSource.OpenConnectionAsync())
        await using (var tx = await other.BeginTransactionAsync())
        {
            await other.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AuditVerifier.LockKey }, tx);
            whileLocked = await AuditVerifier.VerifyNextAsync(dataSource, AuditVerifier.Every, CancellationToken.None);
        }
        var checks = new List<ChainCheck>();
        while (await AuditVerifier.VerifyNextAsync(dataSource, AuditVerifier.Every, CancellationToken.None) is { } check)
        {
            checks.Add(check);
        }

        Assert.Null(whileLocked);
        Assert.Equal([new ChainCheck(one, true), new ChainCheck(two, true)], checks.Where(c => c.StudioId == one || c.StudioId == two));
        Assert.Equal(checks.Count, checks.Select(c => c.StudioId).Distinct().Count());
        await using var heads = await db.OpenOwnerAsync();
        Assert.Equal(2, await heads.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit.chain_heads WHERE verified_ok AND verified_at > now() - interval '1 minute' AND studio_id IN (@one, @two)", new { one, two }));
    }

    /// <summary>Two new studios, each created and renamed by the owner: two unsealed audit rows each.</summary>
    private async Task<(Guid One, Guid Two)> AddTwoStudiosAsync(string prefix)
    {
        var (one, two) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using var owner = await db.OpenOwnerAsync();
        await owner.ExecuteAsync("""
            INSERT INTO studios (id, slug, name, timezone) VALUES
              (@one, @prefix || '-one', 'One', 'UTC'), (@two, @prefix || '-two', 'Two', 'UTC');
            UPDATE studios SET name = name || ' Studio' WHERE id IN (@one, @two);
            """, new { one, two, prefix });
        return (one, two);
    }
}
