namespace Tally.Data.Migrations.Lint;

// CREATE, DROP and REINDEX: tables created in the script, drop-table, index-not-concurrent and
// concurrent-in-transaction.
public static partial class MigrationLinter
{
    private sealed partial class ScriptLinter
    {
        private void Create(TokenCursor c)
        {
            c.Accept("OR", "REPLACE");
            c.AcceptAny("GLOBAL", "LOCAL");
            c.AcceptAny("TEMP", "TEMPORARY", "UNLOGGED");

            if (c.Accept("TABLE") || c.Accept("MATERIALIZED", "VIEW"))
            {
                c.Accept("IF", "NOT", "EXISTS");
                if (c.ReadName() is { } created)
                    _newTables.Add(created.Key);
                return;
            }

            var unique = c.Accept("UNIQUE");
            if (!c.Accept("INDEX"))
                return;
            var concurrently = c.Accept("CONCURRENTLY");
            c.Accept("IF", "NOT", "EXISTS");
            var index = c.Peek("ON") ? null : c.ReadIdentifier();
            var on = c.Find("ON");
            if (on < 0)
                return;
            c.Position = on + 1;
            c.Accept("ONLY");
            if (c.ReadName() is not { } table)
                return;

            var kind = unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
            var indexName = index is null ? string.Empty : $" {index.Text}";
            if (concurrently && _inTransaction)
            {
                Hit(LintRules.ConcurrentInTransaction,
                    $"{kind} CONCURRENTLY{indexName} ON {table} is inside BEGIN…COMMIT and fails at runtime (it cannot run in a transaction block); put it after COMMIT, in a part of the script without BEGIN");
            }
            if (!concurrently && !IsNew(table))
            {
                Hit(LintRules.IndexNotConcurrent,
                    $"{kind}{indexName} ON {table} blocks all writes to {table} while the index builds; use {kind} CONCURRENTLY outside BEGIN…COMMIT");
            }
        }
        private void Drop(TokenCursor c)
        {
            if (c.Accept("TABLE"))
            {
                c.Accept("IF", "EXISTS");
                var tables = c.ReadNameList();
                foreach (var table in tables)
                    _newTables.Remove(table.Key);
                var list = string.Join(", ", tables.Select(t => t.Display));
                Hit(LintRules.DropTable,
                    $"DROP TABLE {list} breaks application code that still uses it while the deploy rolls out, and loses its data for good; " +
                    "first deploy code that no longer uses the table, then drop it in a later migration with a lint:allow waiver saying so");
                return;
            }
            if (!c.Accept("INDEX"))
                return;
            var concurrently = c.Accept("CONCURRENTLY");
            c.Accept("IF", "EXISTS");
            var indexes = string.Join(", ", c.ReadNameList().Select(t => t.Display));
            if (concurrently && _inTransaction)
            {
                Hit(LintRules.ConcurrentInTransaction,
                    $"DROP INDEX CONCURRENTLY {indexes} is inside BEGIN…COMMIT and fails at runtime; put it after COMMIT");
            }
            if (!concurrently)
            {
                Hit(LintRules.IndexNotConcurrent,
                    $"DROP INDEX {indexes} takes an ACCESS EXCLUSIVE lock on its table; use DROP INDEX CONCURRENTLY outside BEGIN…COMMIT");
            }
        }

        // REINDEX [ ( options ) ] { INDEX | TABLE | SCHEMA | DATABASE | SYSTEM } [ CONCURRENTLY ] name
        private void Reindex(TokenCursor c)
        {
            var concurrently = c.Tokens.Any(t => t.IsKeyword("CONCURRENTLY"));
            if (concurrently && _inTransaction)
                Hit(LintRules.ConcurrentInTransaction, "REINDEX … CONCURRENTLY is inside BEGIN…COMMIT and fails at runtime; put it after COMMIT");
            if (!concurrently)
                Hit(LintRules.IndexNotConcurrent, "REINDEX without CONCURRENTLY blocks writes to the table (and reads using the index); use REINDEX … CONCURRENTLY outside BEGIN…COMMIT");
        }
    }
}
