using Npgsql;
using Tally.Data.Migrations;

namespace Tally.Data.Seeding;

/// <summary>Row counts of the tables in the public schema, for the CLI and the seed tests.</summary>
public static class TableCounts
{
    /// <summary>
    /// Exact count(*) of every table of the public schema but the migration journal, ordered by
    /// name. Counts what the connecting role may see: use the owner's connection for all rows.
    /// </summary>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> ReadAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);

        var tables = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> @journal
            """, connection))
        {
            command.Parameters.AddWithValue("journal", Migrator.JournalTable);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }
        tables.Sort(StringComparer.Ordinal);
        if (tables.Count == 0)
        {
            return [];
        }

        var sql = string.Join("\nUNION ALL ", tables.Select((t, i) => $"SELECT {i}, count(*) FROM public.{QuoteIdentifier(t)}"));
        var rows = new long[tables.Count];
        await using (var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 })
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }
        return tables.Select((t, i) => (t, rows[i])).ToList();
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
