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

    /// <summary>One statement run, and why.</summary>
    public sealed record Step(string Statement, string Reason);

    public static async Task<IReadOnlyList<Step>> SyncAsync(string ownerConnectionString, int minRows, Action<Step>? starting, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minRows, 2);
        // Builds take seconds to minutes on a large table: no command timeout.
        var builder = new NpgsqlConnectionStringBuilder(ownerConnectionString) { CommandTimeout = 0 };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct);

        var steps = new List<Step>();
        await using (var work = new NpgsqlCommand("SELECT statement, reason FROM public.search_studio_index_work($1)", conn))
        {
            work.Parameters.Add(new NpgsqlParameter<int> { TypedValue = minRows });
            await using var reader = await work.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                steps.Add(new Step(reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var step in steps)
        {
            starting?.Invoke(step);
            await using var ddl = new NpgsqlCommand(step.Statement, conn);
            await ddl.ExecuteNonQueryAsync(ct);
        }
        return steps;
    }
}
