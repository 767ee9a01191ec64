using Npgsql;

namespace Tally.Data.Seeding;

/// <summary>
/// The audit row triggers of the seeded tables, disabled for a bulk load inside its transaction and
/// enabled again before it commits. Seed rows are generated benchmark data, not changes anyone made:
/// auditing them would write one audit row per seeded row (millions) and more than double the load.
/// The analytics queue triggers (analytics.queue_*) are suspended with them: the seed rebuilds the
/// rollups in one pass at the end (<see cref="AnalyticsBackfill"/>) instead.
/// </summary>
/// <remarks>
/// ALTER TABLE … DISABLE TRIGGER, as the tables' owner (session_replication_role would need a
/// superuser). It is transactional: a failed or killed load rolls it back with the rows, so the
/// triggers cannot be left disabled. The ACCESS EXCLUSIVE lock it takes is no more than the load's
/// own dropping of indexes takes.
/// </remarks>
internal sealed class SuspendedAuditTriggers
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<(string Table, string Trigger)> _triggers;

    private SuspendedAuditTriggers(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(string, string)> triggers)
    {
        _connection = connection;
        _transaction = transaction;
        _triggers = triggers;
    }

    public static async Task<SuspendedAuditTriggers> SuspendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> tables, CancellationToken ct)
    {
        var triggers = new List<(string, string)>();
        await using (var command = new NpgsqlCommand("""
            SELECT t.tgrelid::regclass::text, quote_ident(t.tgname)
            FROM pg_trigger t
            WHERE (t.tgfoid = to_regprocedure('audit.log_change()')
                   OR t.tgfoid IN (SELECT p.oid FROM pg_proc p WHERE p.pronamespace = to_regnamespace('analytics') AND p.proname LIKE 'queue\_%'))
              AND t.tgenabled <> 'D'
              AND t.tgrelid = ANY (@tables::text[]::regclass[])
            ORDER BY 1
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                triggers.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var scope = new SuspendedAuditTriggers(connection, transaction, triggers);
        await scope.AlterAllAsync("DISABLE", ct);
        return scope;
    }

    public Task RestoreAsync(CancellationToken ct) => AlterAllAsync("ENABLE", ct);

    private async Task AlterAllAsync(string verb, CancellationToken ct)
    {
        foreach (var (table, trigger) in _triggers)
        {
            await using var command = new NpgsqlCommand($"ALTER TABLE {table} {verb} TRIGGER {trigger}", _connection, _transaction);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
