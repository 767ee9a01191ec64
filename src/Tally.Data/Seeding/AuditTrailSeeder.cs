using System.Diagnostics;
using Npgsql;

namespace Tally.Data.Seeding;

/// <summary>
/// The audit trail of a seed (the large scale's 10M rows): written by binary COPY after the base
/// tables, then chained by the production <c>audit.seal</c>, studio by studio. Studios' chains are
/// independent, so the studios are cut in two halves of about equal rows, each written and sealed
/// by its own connection in its own transaction, in parallel (2 cores).
/// </summary>
/// <remarks>
/// Sealing is an UPDATE of every row (seq, hash, sealed_at), and seq is indexed, so no update is
/// HOT: each one inserts into every index. The plain indexes of audit_log (record, seq, BRIN) are
/// therefore set aside for the load and built afterwards in one sorted pass each, as
/// <see cref="DeferredIntegrity"/> does for the base tables; the primary key (which the seal finds
/// rows by) and the unsealed-rows index (which it reads them through) stay. The months the rows
/// cover get their partitions first (<c>audit.ensure_partitions_since</c>), so nothing lands in
/// the default partition.
/// </remarks>
/// <summary>How long the trail took: in all, and its phases (writing and sealing: the slower of the two connections).</summary>
public sealed record AuditTrailTimings(TimeSpan Total, TimeSpan Write, TimeSpan Seal, TimeSpan Vacuum, TimeSpan Indexes)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Total.TotalSeconds:0.0} s: write {Write.TotalSeconds:0.0} s, seal {Seal.TotalSeconds:0.0} s, vacuum {Vacuum.TotalSeconds:0.0} s, indexes {Indexes.TotalSeconds:0.0} s");
}

public static class AuditTrailSeeder
{
    /// <summary>
    /// Rows per seal call, as the bench seals. Measured at the full scale: the seal's read of the
    /// unsealed rows (a cursor, so planned for a fast start) goes through the unsealed-rows index even
    /// without statistics, so batches do not re-read what they leave behind.
    /// </summary>
    private const int SealBatch = 50_000;

    /// <summary>
    /// Writes and seals the trail of <paramref name="model"/> (every studio that has a count for
    /// audit_log); returns the time it took.
    /// </summary>
    internal static async Task<AuditTrailTimings> RunAsync(string connectionString, SeedModel model, IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var shape = model.Shape;
        var studios = shape.Studios.Length;
        var earliest = Enumerable.Range(0, studios).Min(model.HistoryStart);
        await ExecuteAsync(connectionString, "SELECT audit.ensure_partitions_since(@from)", ct, ("from", SeedModel.ToUtc(earliest)));

        // The cut: the first studios up to half the rows (the largest alone is a fifth), the rest.
        var half = shape.Total(SeedTables.AuditLog) / 2;
        var cut = 1;
        while (cut < studios - 1 && shape.Start(SeedTables.AuditLog, cut + 1) <= half)
        {
            cut++;
        }
        StudioSpan[] halves = studios == 1 ? [new(0, 1)] : [new(0, cut), new(cut, studios)];

        var indexes = await SetIndexesAsideAsync(connectionString, ct);
        TimeSpan write, seal, vacuum, indexing;
        try
        {
            var written = new TableProgress("audit trail", shape.Total(SeedTables.AuditLog), progress);
            var sealedRows = new TableProgress("audit seal", shape.Total(SeedTables.AuditLog), progress);
            var phases = await Task.WhenAll(halves.Select(span => Task.Run(() => WriteAndSealAsync(connectionString, model, span, written, sealedRows, ct), ct)));
            (write, seal) = (phases.Max(p => p.Write), phases.Max(p => p.Seal));
            var vacuumClock = Stopwatch.StartNew();
            await VacuumPartitionsAsync(connectionString, ct);
            vacuum = vacuumClock.Elapsed;
        }
        finally
        {
            var indexClock = Stopwatch.StartNew();
            // Also after a failure: the schema keeps its indexes whatever happened to the rows.
            await Task.WhenAll(indexes.Select(group => Task.Run(async () =>
            {
                foreach (var create in group)
                {
                    await ExecuteAsync(connectionString, create, CancellationToken.None);
                }
            }, CancellationToken.None)));
            indexing = indexClock.Elapsed;
        }
        progress?.Report(new SeedProgress("audit indexes", 1, 1));
        return new AuditTrailTimings(clock.Elapsed, write, seal, vacuum, indexing);
    }

    /// <summary>
    /// A trail for the demo studios (tests, and a look at the trail without the large scale): the
    /// demo shape with <paramref name="rowsPerStudio"/> audit rows per studio, written and sealed as
    /// the large seed does. The demo studios must be there (<see cref="DemoSeeder.SeedSmallAsync"/>).
    /// </summary>
    public static async Task<AuditTrailTimings> SeedDemoTrailAsync(string ownerConnectionString, int[] rowsPerStudio, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rowsPerStudio);
        var demo = DemoSeeder.Shape(DateTime.UtcNow.Date);
        if (rowsPerStudio.Length != demo.Studios.Length)
        {
            throw new ArgumentException($"one count per demo studio ({demo.Studios.Length})", nameof(rowsPerStudio));
        }
        var counts = new Dictionary<string, int[]>(demo.Counts, StringComparer.Ordinal) { [SeedTables.AuditLog] = rowsPerStudio };
        var model = new SeedModel(new SeedShape(demo.Seed, demo.Anchor, demo.Studios, counts));
        var connectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString) { CommandTimeout = 0 }.ConnectionString;
        return await RunAsync(connectionString, model, progress: null, ct);
    }

    private static async Task<(TimeSpan Write, TimeSpan Seal)> WriteAndSealAsync(string connectionString, SeedModel model, StudioSpan span, TableProgress written, TableProgress sealedRows, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        var clock = Stopwatch.StartNew();
        SeedWriters.AuditTrail.Copy(connection, model, span, written, ct);
        var write = clock.Elapsed;
        clock.Restart();
        await using (var seal = new NpgsqlCommand("SELECT audit.seal(@studio, @batch)", connection, transaction) { CommandTimeout = 0 })
        {
            var studio = new NpgsqlParameter<Guid>("studio", default(Guid));
            seal.Parameters.Add(studio);
            seal.Parameters.Add(new NpgsqlParameter<int>("batch", SealBatch));
            for (var s = span.From; s < span.To; s++)
            {
                studio.TypedValue = model.StudioId[s];
                int rows;
                do
                {
                    rows = (int)(await seal.ExecuteScalarAsync(ct))!;
                    sealedRows.Add(rows);
                }
                while (rows == SealBatch);
            }
        }
        await transaction.CommitAsync(ct);
        return (write, clock.Elapsed);
    }

    /// <summary>
    /// Drops audit_log's indexes that back no constraint, but the unsealed-rows index the seal
    /// reads through; returns their definitions in two groups, to be rebuilt on two connections.
    /// </summary>
    private static async Task<List<List<string>>> SetIndexesAsideAsync(string connectionString, CancellationToken ct)
    {
        var definitions = new List<(string Name, string Create)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("""
                SELECT c.relname, pg_get_indexdef(i.indexrelid)
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = 'public.audit_log'::regclass
                  AND c.relname <> 'audit_log_unsealed_idx'
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY pg_relation_size(i.indrelid) DESC, c.relname
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                // The definition of a partitioned index reads "ON ONLY": built that way it would cover
                // no partition. Without ONLY it is built on every partition, as the migration did.
                definitions.Add((reader.GetString(0), reader.GetString(1).Replace(" ON ONLY ", " ON ", StringComparison.Ordinal)));
            }
        }
        foreach (var (name, _) in definitions)
        {
            await ExecuteAsync(connectionString, $"DROP INDEX public.\"{name}\"", ct);
        }
        // The record index (three columns, the largest) alone; the others together.
        var record = definitions.Where(d => d.Name == "audit_log_record_idx").Select(d => d.Create).ToList();
        var rest = definitions.Where(d => d.Name != "audit_log_record_idx").Select(d => d.Create).ToList();
        return [record, rest];
    }

    /// <summary>
    /// VACUUM (ANALYZE) of every partition, on two connections: the seal left a dead version of every
    /// row behind, and the benchmark wants the visibility map and statistics ready.
    /// </summary>
    private static async Task VacuumPartitionsAsync(string connectionString, CancellationToken ct)
    {
        var partitions = new List<string>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("""
                SELECT p.inhrelid::regclass::text FROM pg_inherits p
                WHERE p.inhparent = 'public.audit_log'::regclass
                ORDER BY pg_relation_size(p.inhrelid) DESC
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                partitions.Add(reader.GetString(0));
            }
        }
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < partitions.Count)
            {
                await ExecuteAsync(connectionString, $"VACUUM (ANALYZE) {partitions[i]}", ct);
            }
        }, ct)));
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(ct);
    }
}
