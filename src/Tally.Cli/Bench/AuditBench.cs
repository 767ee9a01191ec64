using System.Diagnostics;
using Dapper;
using Npgsql;

namespace Tally.Cli.Bench;

/// <summary>The audit trail's figures that are not a latency at a fixed rate: inserts per second, seal and verify.</summary>
internal sealed record AuditFigures(
    double? InsertsPerSecondAudited, double? InsertsPerSecondUnaudited, int? InsertErrors, double? InsertSecondsEachWay,
    double? SealMs, long? RowsSealedNow, double? VerifyMs, long? ChainRows, bool? ChainOk, long? AuditRowsInDatabase);

/// <summary>
/// The audit trail's benchmark (issue 5): single-row updates with and without the audit trigger,
/// inserts per second with and without it, sealing and verifying the largest studio's chain, and the
/// history endpoint. Writes go as tally_app with the largest studio owner's claims set first, as
/// TallyDb does (BEGIN; set_config('request.jwt.claims', …, true); statement; COMMIT).
/// </summary>
/// <remarks>
/// Why the two sides of the trigger run one after the other, not interleaved as the RLS pairs are:
/// the only way to write without the trigger is <c>ALTER TABLE … DISABLE TRIGGER</c> as the owner,
/// which holds for every session until re-enabled (and takes a lock that conflicts with the writes),
/// so it cannot be switched per request; <c>SET LOCAL session_replication_role = replica</c> would be
/// per transaction but needs a superuser, and the app's role is not one. So the trigger is disabled
/// for the whole "without" scenario (warm-up and measurement) and re-enabled in a finally block.
/// </remarks>
internal sealed class AuditBench : IAsyncDisposable
{
    /// <summary>Figures measured by <see cref="MeasureAsync"/>, chosen by name like the scenarios.</summary>
    public const string Inserts = "audit-inserts";
    public const string SealVerify = "audit-seal-verify";
    public static readonly IReadOnlyList<string> Measures = [Inserts, SealVerify];

    private const string UpdateSql = "UPDATE leads SET status = @status WHERE studio_id = @studioId AND id = @id";
    private const string InsertSql = """
        INSERT INTO lead_interactions (studio_id, id, lead_id, kind, direction, summary, body)
        VALUES (@studioId, @id, @leadId, 'note', NULL, 'tally bench insert', 'written by ./tally bench audit-inserts; deleted after the run')
        """;

    private static readonly string[] Statuses = ["new", "contacted", "qualified", "proposal_sent", "won", "lost", "archived"];

    private readonly NpgsqlDataSource _app;
    private readonly NpgsqlDataSource _owner;
    private readonly string _claims;
    private Guid _studioId;
    private Guid[] _leads = [];
    private bool _historyReady;

    private AuditBench(NpgsqlDataSource app, NpgsqlDataSource owner, string claims)
    {
        _app = app;
        _owner = owner;
        _claims = claims;
    }

    /// <summary>Leads whose history the history scenario reads: the first of the update pool, each given a few changes.</summary>
    public IReadOnlyList<Guid> HistoryLeads => _leads.Take(100).ToArray();

    public static async Task<AuditBench> CreateAsync(string ownerConnectionString, string appConnectionString, string claims, string studioSlug, CancellationToken ct)
    {
        var bench = new AuditBench(NpgsqlDataSource.Create(appConnectionString), NpgsqlDataSource.Create(ownerConnectionString), claims);
        await using var conn = await bench._owner.OpenConnectionAsync(ct);
        bench._studioId = await conn.QuerySingleAsync<Guid>(new CommandDefinition("SELECT id FROM studios WHERE slug = @studioSlug", new { studioSlug }, cancellationToken: ct));
        // A pool of 1,000 random leads of the studio: updates pick among them at random, so the
        // first hundred (the history scenario's) collect a few changes each.
        bench._leads = (await conn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM leads WHERE studio_id = @studioId ORDER BY random() LIMIT 1000", new { studioId = bench._studioId }, cancellationToken: ct))).ToArray();
        return bench;
    }

    /// <summary>One single-row update of a random lead of the pool, in its own transaction with the claims set first.</summary>
    public async Task<bool> UpdateAsync(int i, CancellationToken ct)
    {
        var id = _leads[Random.Shared.Next(_leads.Length)];
        return await UpdateLeadAsync(id, Statuses[i % Statuses.Length], ct);
    }

    /// <summary>Disables the audit trigger of <paramref name="table"/> (as the owner) until the result is disposed.</summary>
    public async Task<IAsyncDisposable> WithoutTriggerAsync(string table, CancellationToken ct)
    {
        await SetTriggerAsync(table, enabled: false, ct);
        return new Restore(() => SetTriggerAsync(table, enabled: true, CancellationToken.None));
    }

    /// <summary>Makes sure each history lead has at least three audited changes (the update scenario usually gave them some already).</summary>
    public async Task<IAsyncDisposable?> PrepareHistoryAsync(CancellationToken ct)
    {
        if (_historyReady)
        {
            return null;
        }
        await using (var conn = await _owner.OpenConnectionAsync(ct))
        {
            var counts = (await conn.QueryAsync<(Guid Id, long Changes)>(new CommandDefinition("""
                SELECT l.id, (SELECT count(*) FROM audit_log a WHERE a.studio_id = @studioId AND a.table_name = 'leads' AND a.record_id = l.id)
                FROM unnest(@ids) AS l(id)
                """, new { studioId = _studioId, ids = HistoryLeads.ToArray() }, commandTimeout: 0, cancellationToken: ct))).ToList();
            foreach (var (id, changes) in counts)
            {
                for (var k = changes; k < 3; k++)
                {
                    await UpdateLeadAsync(id, Statuses[(int)k % Statuses.Length], ct);
                }
            }
        }
        _historyReady = true;
        return null;
    }

    /// <summary>The figures chosen among <see cref="Measures"/>.</summary>
    public async Task<AuditFigures> MeasureAsync(IReadOnlyCollection<string> chosen, TimeSpan duration, CancellationToken ct)
    {
        double? audited = null, unaudited = null, seal = null, verify = null;
        int? insertErrors = null;
        long? sealedNow = null, chainRows = null, allRows = null;
        bool? ok = null;
        if (chosen.Contains(Inserts))
        {
            var inserted = new List<Guid>();
            try
            {
                // Each way warm for a second first (not counted), then `duration` measured.
                await InsertLoopAsync(TimeSpan.FromSeconds(1), inserted, ct);
                var on = await InsertLoopAsync(duration, inserted, ct);
                audited = on.Count / duration.TotalSeconds;
                int offErrors;
                await using (await WithoutTriggerAsync("lead_interactions", ct))
                {
                    await InsertLoopAsync(TimeSpan.FromSeconds(1), inserted, ct);
                    var off = await InsertLoopAsync(duration, inserted, ct);
                    unaudited = off.Count / duration.TotalSeconds;
                    offErrors = off.Errors;
                }
                insertErrors = on.Errors + offErrors;
            }
            finally
            {
                await DeleteInsertedAsync(inserted);
            }
        }
        if (chosen.Contains(SealVerify))
        {
            await using var conn = await _owner.OpenConnectionAsync(ct);
            var clock = Stopwatch.StartNew();
            sealedNow = 0;
            int batch;
            while ((batch = await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT audit.seal(@studioId, 50000)", new { studioId = _studioId }, commandTimeout: 0, cancellationToken: ct))) > 0)
            {
                sealedNow += batch;
            }
            seal = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var v = await conn.QuerySingleAsync<(bool Ok, long Sealed)>(new CommandDefinition(
                "SELECT ok, sealed FROM audit.verify(@studioId)", new { studioId = _studioId }, commandTimeout: 0, cancellationToken: ct));
            verify = clock.Elapsed.TotalMilliseconds;
            (ok, chainRows) = (v.Ok, v.Sealed);
            allRows = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM audit_log", commandTimeout: 0, cancellationToken: ct));
        }
        return new AuditFigures(audited, unaudited, insertErrors, chosen.Contains(Inserts) ? duration.TotalSeconds : null, seal, sealedNow, verify, chainRows, ok, allRows);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _owner.DisposeAsync();
    }

    private async Task<bool> UpdateLeadAsync(Guid id, string status, CancellationToken ct)
    {
        await using var conn = await _app.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT set_config('request.jwt.claims', @claims, true)", new { claims = _claims }, tx, cancellationToken: ct));
        var n = await conn.ExecuteAsync(new CommandDefinition(UpdateSql, new { status, studioId = _studioId, id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return n == 1;
    }

    /// <summary>Two writers, each inserting one row per transaction (claims set first) as fast as it can, for <paramref name="duration"/>.</summary>
    private async Task<(int Count, int Errors)> InsertLoopAsync(TimeSpan duration, List<Guid> inserted, CancellationToken ct)
    {
        var count = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var conn = await _app.OpenConnectionAsync(ct);
            var mine = new List<Guid>();
            while (clock.Elapsed < duration)
            {
                var id = Guid.NewGuid();
                try
                {
                    await using var tx = await conn.BeginTransactionAsync(ct);
                    await conn.ExecuteAsync(new CommandDefinition("SELECT set_config('request.jwt.claims', @claims, true)", new { claims = _claims }, tx, cancellationToken: ct));
                    await conn.ExecuteAsync(new CommandDefinition(InsertSql, new { studioId = _studioId, id, leadId = _leads[Random.Shared.Next(_leads.Length)] }, tx, cancellationToken: ct));
                    await tx.CommitAsync(ct);
                    mine.Add(id);
                    Interlocked.Increment(ref count);
                }
                catch (NpgsqlException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            lock (inserted)
            {
                inserted.AddRange(mine);
            }
        }, ct)));
        return (count, errors);
    }

    /// <summary>
    /// Deletes the rows the insert measurement wrote, as the owner, with the trigger on: the audit rows
    /// of their inserts stay (the trail is append-only) and the deletions are audited too.
    /// </summary>
    private async Task DeleteInsertedAsync(List<Guid> ids)
    {
        await using var conn = await _owner.OpenConnectionAsync();
        foreach (var chunk in ids.Chunk(10000))
        {
            await conn.ExecuteAsync(new CommandDefinition("DELETE FROM lead_interactions WHERE studio_id = @studioId AND id = ANY(@chunk)",
                new { studioId = _studioId, chunk }, commandTimeout: 0));
        }
    }

    private async Task SetTriggerAsync(string table, bool enabled, CancellationToken ct)
    {
        await using var conn = await _owner.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SET lock_timeout = '10s'", cancellationToken: ct));
        // Names from this class only (leads, lead_interactions), never from input.
        await conn.ExecuteAsync(new CommandDefinition($"ALTER TABLE {table} {(enabled ? "ENABLE" : "DISABLE")} TRIGGER {table}_audit", cancellationToken: ct));
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
