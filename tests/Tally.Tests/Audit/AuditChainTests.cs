using Dapper;
using Npgsql;
using Tally.Data.Audit;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Audit;

/// <summary>
/// The per-studio hash chain: concurrent writers and sealers leave one chain without forks or gaps,
/// and any edit, deletion or reordering of sealed rows by a superuser is found and named.
/// Each test makes its own studio, so one test's tampering cannot break another's chain.
/// </summary>
public sealed class AuditChainTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task ConcurrentWriters_WithConcurrentSealers_LeaveAChainThatVerifies()
    {
        const int Writers = 8;
        const int Updates = 50;
        var (studio, slug, leads) = await StudioWithLeadsAsync(Writers);
        using var writing = new CancellationTokenSource();

        var writers = leads.Select((lead, w) => Task.Run(async () =>
        {
            await using var conn = await db.OpenOwnerAsync();
            for (var i = 0; i < Updates; i++)
            {
                await conn.ExecuteAsync("UPDATE leads SET message = @notes WHERE studio_id = @studio AND id = @lead",
                    new { notes = $"writer {w} update {i}", studio, lead });
            }
        })).ToList();
        var sealers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var conn = await db.OpenOwnerAsync();
            while (!writing.IsCancellationRequested)
            {
                await conn.ExecuteAsync("SELECT audit.seal(@studio, 37)", new { studio });
            }
        })).ToList();
        await Task.WhenAll(writers);
        await writing.CancelAsync();
        await Task.WhenAll(sealers);

        var result = Assert.Single(await AuditChain.SealAndVerifyAsync(db.OwnerConnectionString, slug, CancellationToken.None));
        await using var owner = await db.OpenOwnerAsync();
        var (rows, distinctSeq, maxSeq) = await owner.QuerySingleAsync<(long, long, long)>(
            "SELECT count(*), count(DISTINCT seq), max(seq) FROM audit_log WHERE studio_id = @studio", new { studio });

        Assert.True(result.Ok, result.Problem);
        Assert.Equal(1 + Writers + (Writers * Updates), rows);
        Assert.Equal((rows, rows, rows), (result.Sealed, distinctSeq, maxSeq));
        Assert.Equal(0, result.Unsealed);
    }

    public static TheoryData<string, string, long> Tampering => new()
    {
        { "edit a row", "UPDATE audit_log SET new_values = '{\"first_name\": \"Mallory\"}' WHERE studio_id = @studio AND seq = 3", 3 },
        { "edit a row and recompute its hash", """
            UPDATE audit_log SET new_values = '{"first_name": "Mallory"}' WHERE studio_id = @studio AND seq = 3;
            UPDATE audit_log a SET hash = audit.row_hash((SELECT p.hash FROM audit_log p WHERE p.studio_id = @studio AND p.seq = 2), audit.row_content(a))
            WHERE a.studio_id = @studio AND a.seq = 3;
            """, 4 },
        { "delete a row", "DELETE FROM audit_log WHERE studio_id = @studio AND seq = 3", 4 },
        { "swap two rows", "UPDATE audit_log SET seq = CASE seq WHEN 2 THEN 3 ELSE 2 END WHERE studio_id = @studio AND seq IN (2, 3)", 2 },
        { "delete the last row", "DELETE FROM audit_log WHERE studio_id = @studio AND seq = (SELECT max(seq) FROM audit_log WHERE studio_id = @studio)", 8 },
        { "move the head back a row", "UPDATE audit.chain_heads h SET seq = 8, hash = (SELECT a.hash FROM audit_log a WHERE a.studio_id = @studio AND a.seq = 8) WHERE h.studio_id = @studio", 9 },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task TamperingAsSuperuser_FailsVerification_AndNamesTheRow(string what, string sql, long brokenSeq)
    {
        var (studio, slug, leads) = await StudioWithLeadsAsync(4);
        await using (var owner = await db.OpenOwnerAsync())
        {
            foreach (var lead in leads)
            {
                await owner.ExecuteAsync("UPDATE leads SET message = 'called' WHERE studio_id = @studio AND id = @lead", new { studio, lead });
            }
        }
        var before = Assert.Single(await AuditChain.SealAndVerifyAsync(db.OwnerConnectionString, slug, CancellationToken.None));
        await using (var superuser = new NpgsqlConnection(db.SuperuserConnectionString))
        {
            await superuser.ExecuteAsync(sql, new { studio });
        }

        var after = Assert.Single(await AuditChain.SealAndVerifyAsync(db.OwnerConnectionString, slug, CancellationToken.None));

        Assert.True(before.Ok, before.Problem);
        Assert.Equal(9, before.Sealed);
        Assert.False(after.Ok, what);
        Assert.Equal(brokenSeq, after.BrokenSeq);
        Assert.NotNull(after.Problem);
    }

    [Fact]
    public async Task Verify_WhileRowsAreBeingSealed_NeverReportsABreak()
    {
        // The verification reads the head, then the rows, then the rows past the head, each in its
        // own snapshot; seals commit in between. Only the rows up to the head it read are its to
        // check, and rows past the head are compared with the head in one snapshot (0027).
        var (studio, _, leads) = await StudioWithLeadsAsync(4);
        using var writing = new CancellationTokenSource();
        var writers = leads.Select((lead, w) => Task.Run(async () =>
        {
            await using var conn = await db.OpenOwnerAsync();
            for (var i = 0; i < 150; i++)
            {
                await conn.ExecuteAsync("UPDATE leads SET message = @m WHERE studio_id = @studio AND id = @lead", new { m = $"w{w} {i}", studio, lead });
            }
        })).ToList();
        var sealer = Task.Run(async () =>
        {
            await using var conn = await db.OpenOwnerAsync();
            while (!writing.IsCancellationRequested)
            {
                await conn.ExecuteAsync("SELECT audit.seal(@studio, 3)", new { studio });
            }
        });
        var results = new List<(bool Ok, string? Problem)>();
        await using (var verifier = await db.OpenOwnerAsync())
        {
            while (writers.Any(w => !w.IsCompleted))
            {
                results.Add(await verifier.QuerySingleAsync<(bool, string?)>("SELECT ok, problem FROM audit.verify(@studio)", new { studio }));
            }
        }
        await Task.WhenAll(writers);
        await writing.CancelAsync();
        await sealer;

        Assert.True(results.Count > 10, $"only {results.Count} verifications ran beside the seals");
        Assert.All(results, r => Assert.True(r.Ok, r.Problem));
    }

    [Fact]
    public async Task Heads_AfterSealing_AreTheLastRowsSeqAndHash()
    {
        var (studio, slug, _) = await StudioWithLeadsAsync(2);
        await AuditChain.SealAndVerifyAsync(db.OwnerConnectionString, slug, CancellationToken.None);

        var head = Assert.Single(await AuditChain.HeadsAsync(db.OwnerConnectionString, slug, CancellationToken.None));
        await using var owner = await db.OpenOwnerAsync();
        var last = await owner.QuerySingleAsync<(long, string)>(
            "SELECT seq, encode(hash, 'hex') FROM audit_log WHERE studio_id = @studio ORDER BY seq DESC LIMIT 1", new { studio });

        Assert.Equal(last, (head.Seq, head.Hash));
        Assert.Equal(3, head.Seq);
        Assert.Equal(64, head.Hash.Length);
    }

    /// <summary>A new studio and <paramref name="count"/> leads, written by the owner (audited, unsealed).</summary>
    private async Task<(Guid Studio, string Slug, List<Guid> Leads)> StudioWithLeadsAsync(int count)
    {
        var studio = Guid.CreateVersion7();
        var slug = "chain-" + studio.ToString("N")[^12..];
        var leads = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await using var owner = await db.OpenOwnerAsync();
        await owner.ExecuteAsync("INSERT INTO studios (id, slug, name, timezone) VALUES (@studio, @slug, @slug, 'UTC')", new { studio, slug });
        foreach (var lead in leads)
        {
            await owner.ExecuteAsync("INSERT INTO leads (studio_id, id, first_name, email, status) VALUES (@studio, @lead, 'Lee', 'lee@chain.test', 'new')",
                new { studio, lead });
        }
        return (studio, slug, leads);
    }
}
