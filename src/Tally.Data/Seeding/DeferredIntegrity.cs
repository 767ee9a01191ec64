using Npgsql;

namespace Tally.Data.Seeding;

/// <summary>
/// The bulk-load pattern of pg_restore, inside one transaction: drop the foreign keys and the plain
/// indexes of some tables, load them, then build the indexes in one sorted pass each and validate
/// each foreign key with one join. Checking a foreign key row by row costs about 4 µs per row and
/// key; maintaining an index row by row several times what a sorted build costs. Primary keys and
/// unique constraints stay, so duplicates are still refused as rows arrive.
/// </summary>
/// <remarks>
/// Everything is recreated from the catalog's own definitions (pg_get_constraintdef,
/// pg_get_indexdef) under the same names, so the schema after the load is the schema before it. As
/// the whole load is one transaction, a failure or a kill rolls the drops back with the rows: the
/// schema can never be left without its constraints.
/// </remarks>
internal sealed class DeferredIntegrity
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<string> _drops = [];
    private readonly List<string> _indexes = [];
    private readonly List<string> _foreignKeys = [];
    private readonly List<string> _finally = [];

    private DeferredIntegrity(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Drops the foreign keys and plain indexes of <paramref name="tables"/> (in the caller's transaction).</summary>
    public static async Task<DeferredIntegrity> SuspendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> tables, CancellationToken ct)
    {
        var scope = new DeferredIntegrity(connection, transaction);
        // Foreign keys declared on the tables (those pointing at them from elsewhere stay).
        await scope.ReadAsync("""
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)),
                   CASE WHEN d.description IS NOT NULL
                        THEN format('COMMENT ON CONSTRAINT %I ON %s IS %L', c.conname, c.conrelid::regclass, d.description) END
            FROM pg_constraint c
            LEFT JOIN pg_description d ON d.classoid = 'pg_constraint'::regclass AND d.objoid = c.oid AND d.objsubid = 0
            WHERE c.contype = 'f' AND c.conrelid = ANY (@tables::text[]::regclass[])
            ORDER BY c.conrelid::regclass::text, c.conname
            """, tables, scope._foreignKeys, ct);
        // Indexes that back no constraint (primary keys, unique and exclusion constraints, and the
        // unique keys foreign keys point at all stay in place).
        await scope.ReadAsync("""
            SELECT format('DROP INDEX %s', i.indexrelid::regclass),
                   pg_get_indexdef(i.indexrelid),
                   concat_ws('; ',
                     CASE WHEN d.description IS NOT NULL THEN format('COMMENT ON INDEX %s IS %L', i.indexrelid::regclass, d.description) END,
                     CASE WHEN i.indisclustered THEN format('ALTER TABLE %s CLUSTER ON %I', i.indrelid::regclass, c.relname) END,
                     CASE WHEN i.indisreplident THEN format('ALTER TABLE %s REPLICA IDENTITY USING INDEX %I', i.indrelid::regclass, c.relname) END)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = i.indexrelid AND d.objsubid = 0
            WHERE i.indrelid = ANY (@tables::text[]::regclass[])
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY i.indrelid::regclass::text, c.relname
            """, tables, scope._indexes, ct);
        foreach (var drop in scope._drops)
        {
            await scope.ExecuteAsync(drop, ct);
        }
        return scope;
    }

    /// <summary>Builds the indexes, validates and restores the foreign keys, and restores comments.</summary>
    public async Task RestoreAsync(IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        await RunAllAsync("indexes", _indexes, progress, ct);
        await RunAllAsync("foreign keys", _foreignKeys, progress, ct);
        foreach (var statement in _finally)
        {
            await ExecuteAsync(statement, ct);
        }
    }

    private async Task RunAllAsync(string phase, List<string> statements, IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            await ExecuteAsync(statements[i], ct);
            progress?.Report(new SeedProgress(phase, i + 1, statements.Count));
        }
    }

    private async Task ReadAsync(string sql, IReadOnlyList<string> tables, List<string> restore, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        command.Parameters.AddWithValue("tables", tables.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            _drops.Add(reader.GetString(0));
            restore.Add(reader.GetString(1));
            if (!reader.IsDBNull(2) && reader.GetString(2).Length > 0)
            {
                _finally.Add(reader.GetString(2));
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
