namespace Tally.Data.Migrations.Lint;

// ALTER TABLE … ADD COLUMN: volatile-default, stored-generated-column, and constraints declared inline on the new column.
public static partial class MigrationLinter
{
    /// <summary>Functions whose result changes per row: a DEFAULT using one makes ADD COLUMN rewrite the table.</summary>
    private static readonly HashSet<string> VolatileFunctions = new(StringComparer.Ordinal)
    {
        "random", "random_normal", "setseed",
        "gen_random_uuid", "gen_random_bytes", "uuidv4", "uuidv7",
        // uuid-ossp; uuid_generate_v3 and _v5 are IMMUTABLE (a hash of their arguments).
        "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
        "clock_timestamp", "timeofday",
        "nextval", "currval", "lastval",
    };

    private static readonly HashSet<string> SerialTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "serial", "serial2", "serial4", "serial8", "smallserial", "bigserial",
    };

    private sealed partial class ScriptLinter
    {
        // ADD [COLUMN] [IF NOT EXISTS] name type [constraints]
        private void AddColumn(TokenCursor c, RelationName table, bool isNew)
        {
            c.Accept("COLUMN");
            c.Accept("IF", "NOT", "EXISTS");
            var column = c.ReadIdentifier()?.Text ?? "?";
            if (isNew)
                return;

            var subject = $"ALTER TABLE {table} ADD COLUMN {column}";
            if (c.Current is { Kind: SqlTokenKind.Word } type && SerialTypes.Contains(type.Text))
            {
                Hit(LintRules.VolatileDefault,
                    $"{subject} {type.Text} fills every existing row from a sequence, rewriting {table} under an ACCESS EXCLUSIVE lock; " +
                    "add a plain bigint column, give it DEFAULT nextval(…) for new rows, backfill old rows in batches");
            }

            var defaultAt = c.Find("DEFAULT");
            if (defaultAt >= 0 && FirstVolatileCall(c.Tokens, defaultAt + 1) is { } function)
            {
                Hit(LintRules.VolatileDefault,
                    $"{subject} DEFAULT {function}() is volatile, so every existing row gets its own value and {table} is rewritten under an ACCESS EXCLUSIVE lock; " +
                    "add the column without a default (or with a constant), set the default for new rows, backfill old rows in batches");
            }

            var generatedAt = c.Find("GENERATED");
            if (generatedAt >= 0)
            {
                var g = new TokenCursor(c.Tokens, generatedAt + 1);
                if (!g.Accept("ALWAYS"))
                    g.Accept("BY", "DEFAULT");
                g.Accept("AS");
                if (g.Peek("IDENTITY"))
                {
                    Hit(LintRules.VolatileDefault,
                        $"{subject} … GENERATED AS IDENTITY numbers every existing row, rewriting {table} under an ACCESS EXCLUSIVE lock; " +
                        "add a plain column with a sequence default for new rows and backfill old rows in batches");
                }
                else if (g.Current?.IsSymbol('(') == true && !g.Contains("VIRTUAL"))
                {
                    Hit(LintRules.StoredGeneratedColumn,
                        $"{subject} … GENERATED ALWAYS AS (…) STORED computes every existing row, rewriting {table} under an ACCESS EXCLUSIVE lock; " +
                        "add a plain column, keep it filled with a trigger (or the application), backfill old rows in batches");
                }
            }

            if (c.Contains("REFERENCES"))
            {
                Hit(LintRules.ConstraintNotValid,
                    $"{subject} … REFERENCES adds a validated foreign key, locking {table} and the referenced table; " +
                    "add the column plain, then ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a later statement");
            }
            if (c.Contains("CHECK"))
            {
                Hit(LintRules.ConstraintNotValid,
                    $"{subject} … CHECK scans all of {table} under an ACCESS EXCLUSIVE lock; " +
                    "add the column plain, then ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE CONSTRAINT in a later statement");
            }
            if (c.Contains("UNIQUE") || c.Contains("PRIMARY", "KEY"))
            {
                Hit(LintRules.UniqueConstraintWithoutIndex,
                    $"{subject} … UNIQUE/PRIMARY KEY builds an index under an ACCESS EXCLUSIVE lock; " +
                    "add the column plain, CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX");
            }
        }

        private static string? FirstVolatileCall(IReadOnlyList<SqlToken> tokens, int from)
        {
            for (var k = from; k + 1 < tokens.Count; k++)
            {
                if (tokens[k].Identifier is { } name && VolatileFunctions.Contains(name) && tokens[k + 1].IsSymbol('('))
                    return name;
            }
            return null;
        }
    }
}
