namespace Tally.Data.Migrations.Lint;

// ALTER: drop-column, change-column-type, set-not-null, rename, and VALIDATE CONSTRAINT bookkeeping;
// ADD actions go on to the constraint and column rules.
public static partial class MigrationLinter
{
    private sealed partial class ScriptLinter
    {

        private void Alter(TokenCursor c)
        {
            if (c.Accept("TABLE"))
            {
                AlterTable(c);
                return;
            }
            var renameAt = c.Find("RENAME");
            if (renameAt >= 0)
            {
                var what = string.Join(' ', c.Tokens.Take(renameAt).Select(t => t.Text));
                Hit(LintRules.Rename,
                    $"{what} RENAME breaks application code that still uses the old name while the deploy rolls out; add the new object alongside the old one, move the code over, then drop the old one");
            }
        }

        private void AlterTable(TokenCursor c)
        {
            c.Accept("IF", "EXISTS");
            if (c.Peek("ALL", "IN"))
                return;
            c.Accept("ONLY");
            if (c.ReadName() is not { } table)
                return;
            c.AcceptSymbol('*');
            var isNew = IsNew(table);
            foreach (var action in c.SplitAtTopLevelCommas())
            {
                if (action.Count > 0)
                    AlterTableAction(new TokenCursor(action), table, isNew);
            }
        }

        private void AlterTableAction(TokenCursor c, RelationName table, bool isNew)
        {
            if (c.Accept("ADD"))
            {
                AddToTable(c, table, isNew);
            }
            else if (c.Accept("DROP"))
            {
                if (c.Accept("CONSTRAINT"))
                {
                    c.Accept("IF", "EXISTS");
                    if (c.ReadIdentifier()?.Identifier is { } constraint)
                        knowledge.Drop(table.Key, constraint);
                    return;
                }
                c.Accept("COLUMN");
                c.Accept("IF", "EXISTS");
                var column = c.ReadIdentifier()?.Text ?? "?";
                Hit(LintRules.DropColumn,
                    $"ALTER TABLE {table} DROP COLUMN {column} breaks application code that still reads or writes {column} while the deploy rolls out; " +
                    "first deploy code that no longer uses the column, then drop it in a later migration with a lint:allow waiver saying so");
            }
            else if (c.Accept("ALTER"))
            {
                if (c.Accept("CONSTRAINT"))
                    return;
                c.Accept("COLUMN");
                var column = c.ReadIdentifier();
                if (column is null)
                    return;
                if (c.Accept("TYPE") || c.Accept("SET", "DATA", "TYPE"))
                {
                    Hit(LintRules.ChangeColumnType,
                        $"ALTER TABLE {table} ALTER COLUMN {column.Text} TYPE usually rewrites {table} under an ACCESS EXCLUSIVE lock and can break running code; " +
                        "add a new column, backfill it in batches, switch the code over, then drop the old column");
                }
                else if (c.Accept("SET", "NOT", "NULL")
                    && !isNew
                    && !knowledge.HasValidatedNotNullCheck(table.Key, column.Identifier!))
                {
                    Hit(LintRules.SetNotNull,
                        $"ALTER TABLE {table} ALTER COLUMN {column.Text} SET NOT NULL scans all of {table} under an ACCESS EXCLUSIVE lock; " +
                        $"first ADD CONSTRAINT … CHECK ({column.Text} IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT in a later statement (SET NOT NULL after that skips the scan)");
                }
            }
            else if (c.Accept("VALIDATE", "CONSTRAINT"))
            {
                if (c.ReadIdentifier() is not { } constraint)
                    return;
                knowledge.Validate(table.Key, constraint.Identifier!);
                if (_inTransaction && _notValidInThisTransaction.Contains($"{table.Key}/{constraint.Identifier}"))
                {
                    Hit(LintRules.ConstraintNotValid,
                        $"ALTER TABLE {table} VALIDATE CONSTRAINT {constraint.Text} runs in the same BEGIN…COMMIT block that added it NOT VALID, " +
                        "so the write-blocking lock taken by ADD CONSTRAINT is still held during the validating scan; COMMIT first, then VALIDATE");
                }
            }
            else if (c.Accept("RENAME"))
            {
                string what;
                if (c.Accept("TO"))
                {
                    var to = c.ReadIdentifier();
                    what = $"ALTER TABLE {table} RENAME TO {to?.Text}";
                    if (isNew && to?.Identifier is { } newName)
                        _newTables.Add(table.WithName(newName, to.Text).Key);
                }
                else
                {
                    var kind = c.Accept("CONSTRAINT") ? "CONSTRAINT" : "COLUMN";
                    c.Accept("COLUMN");
                    var from = c.ReadIdentifier()?.Text;
                    c.Accept("TO");
                    what = $"ALTER TABLE {table} RENAME {kind} {from} TO {c.Current?.Text}";
                }
                Hit(LintRules.Rename,
                    $"{what} breaks application code that still uses the old name while the deploy rolls out; " +
                    "add the new column/table alongside the old one, write both, backfill, move reads over, then drop the old one");
            }
            else if (c.Accept("DETACH", "PARTITION") && c.Contains("CONCURRENTLY") && _inTransaction)
            {
                Hit(LintRules.ConcurrentInTransaction,
                    $"ALTER TABLE {table} DETACH PARTITION … CONCURRENTLY is inside BEGIN…COMMIT and fails at runtime; put it after COMMIT");
            }
        }
    }
}
