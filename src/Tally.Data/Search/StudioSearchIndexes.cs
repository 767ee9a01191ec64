using Npgsql;

namespace Tally.Data.Search;

/// <summary>
/// Keeps the large studios' own search indexes in line with their sizes (migration 0026,
/// docs/search.md "A studio's own index", decision 0021): runs the statements
/// public.search_studio_index_work lists, one at a time on one owner connection and outside any
/// transaction, as CREATE and DROP INDEX CONCURRENTLY require. Writes go on while an index builds;
/// search uses it from the moment it is valid. Safe to run again at any time: with nothing to do it
/// is one query of the tables' sizes.
/// </summary>
public static class StudioSearchIndexes
{
    /// <summary>
    /// A studio gets its own index of a table at this many rows of it. Below, the shared index's
    /// studio term lists few enough rows that ANDing it costs little; every partial index adds a
    /// little to each write of the table and to planning each query of it, so they stay few.
    /// </summary>
    public const int DefaultMinRows = 20_000;

    /// <summary>One statement run, the index it builds or drops, and why.</summary>
    public sealed record Step(string Statement, string Index, string Reason)
    {
        public bool Drops => Statement.StartsWith("DROP", StringComparison.Ordinal);
    }

    /// <summary>What a sync did: its steps, or none because another sync was running.</summary>
    public sealed record Outcome(IReadOnlyList<Step> Steps, bool AnotherWasRunning);

    public static async Task<Outcome> SyncAsync(string ownerConnectionString, int minRows, Action<Step>? starting, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minRows, 2);
        // Builds take seconds to minutes on a large table: no command timeout. Not pooled, so the
        // session and its advisory lock end when the sync does.
        var builder = new NpgsqlConnectionStringBuilder(ownerConnectionString) { CommandTimeout = 0, Pooling = false };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct);

        // One sync at a time (two deploys, or cron beside migrate). A try, never a wait: a session
        // waiting for the lock would hold a snapshot, and the other's concurrent build waits for
        // every older snapshot to end, so the two would wait for each other.
        await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext('tally.search_studio_indexes'))", conn))
        {
            if (await tryLock.ExecuteScalarAsync(ct) is not true)
            {
                return new Outcome([], AnotherWasRunning: true);
            }
        }

        var steps = new List<Step>();
        await using (var work = new NpgsqlCommand("SELECT statement, index_name, reason FROM public.search_studio_index_work($1)", conn))
        {
            work.Parameters.Add(new NpgsqlParameter<int> { TypedValue = minRows });
            await using var reader = await work.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                steps.Add(new Step(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        foreach (var step in steps)
        {
            starting?.Invoke(step);
            await using var ddl = new NpgsqlCommand(step.Statement, conn);
            await ddl.ExecuteNonQueryAsync(ct);
        }
        // The lock ends with the session (the connection is not pooled).
        return new Outcome(steps, AnotherWasRunning: false);
    }
}
