namespace Tally.Data.Migrations.Lint;

// ALTER TABLE … ADD CHECK / FOREIGN KEY / UNIQUE / PRIMARY KEY: constraint-not-valid and
// unique-constraint-without-index, plus the CHECK (col IS NOT NULL) facts that make SET NOT NULL safe.
public static partial class MigrationLinter
{
    private sealed partial class ScriptLinter
    {
        private void AddToTable(TokenCursor c, RelationName table, bool isNew)
        {
            string? constraintName = null;
            if (c.Accept("CONSTRAINT"))
                constraintName = c.ReadIdentifier()?.Identifier;
            var named = constraintName is null ? string.Empty : $"CONSTRAINT {constraintName} ";

            if (c.Accept("CHECK"))
            {
                var notValid = c.Contains("NOT", "VALID");
                if (NotNullCheckColumn(c) is { } column)
                {
                    constraintName ??= $"{table.Name}_{column}_check";
                    knowledge.AddNotNullCheck(table.Key, constraintName, column, validated: !notValid);
                }
                NoteNotValid(table, constraintName, notValid);
                if (!notValid && !isNew)
                {
                    Hit(LintRules.ConstraintNotValid,
                        $"ALTER TABLE {table} ADD {named}CHECK scans all of {table} under an ACCESS EXCLUSIVE lock; " +
                        "add it NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT in a later statement (which allows reads and writes)");
                }
            }
            else if (c.Accept("FOREIGN", "KEY"))
            {
                var notValid = c.Contains("NOT", "VALID");
                NoteNotValid(table, constraintName, notValid);
                if (!notValid && !isNew)
                {
                    var referencesAt = c.Find("REFERENCES");
                    var target = referencesAt >= 0 && referencesAt + 1 < c.Tokens.Count ? $" REFERENCES {c.Tokens[referencesAt + 1].Text}" : string.Empty;
                    Hit(LintRules.ConstraintNotValid,
                        $"ALTER TABLE {table} ADD {named}FOREIGN KEY{target} validates every row while blocking writes to both tables; " +
                        "add it NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT in a later statement");
                }
            }
            else if (c.Peek("UNIQUE") || c.Peek("PRIMARY", "KEY"))
            {
                var kind = c.Accept("UNIQUE") ? "UNIQUE" : "PRIMARY KEY";
                if (kind == "PRIMARY KEY")
                    c.Accept("PRIMARY", "KEY");
                if (c.Peek("USING", "INDEX") || isNew)
                    return;
                Hit(LintRules.UniqueConstraintWithoutIndex,
                    $"ALTER TABLE {table} ADD {named}{kind} builds its index under an ACCESS EXCLUSIVE lock; " +
                    $"build it first with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … {kind} USING INDEX that_index");
            }
            else if (constraintName is null && !c.Peek("EXCLUDE"))
            {
                AddColumn(c, table, isNew);
            }
        }

        private void NoteNotValid(RelationName table, string? constraintName, bool notValid)
        {
            if (notValid && _inTransaction && constraintName is not null)
                _notValidInThisTransaction.Add($"{table.Key}/{constraintName}");
        }

        // CHECK ( col IS NOT NULL ), with any number of extra parentheses; c is just after CHECK.
        private static string? NotNullCheckColumn(TokenCursor c)
        {
            var k = c.Position;
            var open = 0;
            while (k < c.Tokens.Count && c.Tokens[k].IsSymbol('('))
            {
                open++;
                k++;
            }
            if (open == 0 || k + 3 >= c.Tokens.Count)
                return null;
            var column = c.Tokens[k];
            if (!column.IsIdentifier || !c.Tokens[k + 1].IsKeyword("IS") || !c.Tokens[k + 2].IsKeyword("NOT") || !c.Tokens[k + 3].IsKeyword("NULL"))
                return null;
            k += 4;
            for (var close = 0; close < open; close++, k++)
            {
                if (k >= c.Tokens.Count || !c.Tokens[k].IsSymbol(')'))
                    return null;
            }
            return column.Identifier;
        }
    }
}
