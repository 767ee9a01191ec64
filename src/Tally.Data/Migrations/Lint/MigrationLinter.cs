using System.Globalization;
using System.Text.RegularExpressions;

namespace Tally.Data.Migrations.Lint;

/// <summary>
/// Checks migration scripts for operations that are unsafe on a live database: ones that take an
/// ACCESS EXCLUSIVE lock for as long as a table scan or rewrite takes, that wait for locks without a
/// timeout (and so queue every other query behind them), or that break the application code still
/// running while the migration is deployed. The rules follow strong_migrations and squawk; see
/// docs/migrations.md for each rule, why it is unsafe and its safe form.
/// </summary>
public static partial class MigrationLinter
{
    /// <summary>Lints one script on its own.</summary>
    public static IReadOnlyList<LintFinding> Lint(string scriptName, string sql)
    {
        ArgumentNullException.ThrowIfNull(scriptName);
        ArgumentNullException.ThrowIfNull(sql);
        return new ScriptLinter(scriptName, new SchemaKnowledge()).Run(sql);
    }

    /// <summary>
    /// Lints a sequence of scripts in order. A table created by an earlier script counts as existing
    /// (it may hold data and traffic by the time a later script runs); only tables created in the
    /// same script are new. A CHECK (col IS NOT NULL) validated by an earlier script makes a later
    /// SET NOT NULL on that column safe.
    /// </summary>
    public static IReadOnlyList<LintFinding> LintAll(IEnumerable<MigrationScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var knowledge = new SchemaKnowledge();
        var findings = new List<LintFinding>();
        foreach (var script in scripts)
            findings.AddRange(new ScriptLinter(script.Name, knowledge).Run(script.Sql));
        return findings;
    }

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

    /// <summary>Schema facts that carry over from one script to the next in <see cref="LintAll"/>.</summary>
    private sealed class SchemaKnowledge
    {
        // CHECK (col IS NOT NULL) constraints, by table key and constraint name.
        private readonly Dictionary<(string Table, string Constraint), (string Column, bool Validated)> _notNullChecks = [];

        public void AddNotNullCheck(string table, string constraint, string column, bool validated) =>
            _notNullChecks[(table, constraint)] = (column, validated);

        public void Validate(string table, string constraint)
        {
            if (_notNullChecks.TryGetValue((table, constraint), out var check))
                _notNullChecks[(table, constraint)] = check with { Validated = true };
        }

        public void Drop(string table, string constraint) => _notNullChecks.Remove((table, constraint));

        public bool HasValidatedNotNullCheck(string table, string column) =>
            _notNullChecks.Any(c => c.Key.Table == table && c.Value.Column == column && c.Value.Validated);
    }

    private sealed class ScriptLinter(string script, SchemaKnowledge knowledge)
    {
        private readonly HashSet<string> _newTables = new(StringComparer.Ordinal);

        // Constraints added NOT VALID inside the current BEGIN…COMMIT block, as "table/constraint".
        private readonly HashSet<string> _notValidInThisTransaction = new(StringComparer.Ordinal);
        private readonly List<(string Rule, string Message)> _hits = [];
        private bool _inTransaction;
        private bool _sessionLockTimeout;
        private bool _sessionLockTimeoutAtBegin;
        private bool? _localLockTimeout;

        private bool LockTimeoutInEffect => _inTransaction && _localLockTimeout.HasValue ? _localLockTimeout.Value : _sessionLockTimeout;

        public List<LintFinding> Run(string sql)
        {
            var parsed = SqlScript.Parse(sql);
            var findings = new List<LintFinding>();

            foreach (var error in parsed.Errors)
                findings.Add(new LintFinding(script, error.Line, LintRules.ParseError, $"{error.Message}; the rest of the script cannot be checked"));

            foreach (var statement in parsed.Statements)
            {
                var waivers = Waiver.Parse(statement.Comments);
                var waived = new HashSet<string>(StringComparer.Ordinal);
                foreach (var waiver in waivers)
                {
                    if (waiver.Problem() is { } problem)
                        findings.Add(new LintFinding(script, waiver.Line, problem.Rule, problem.Message));
                    else
                        waived.Add(waiver.Rule);
                }

                _hits.Clear();
                Analyze(statement);
                foreach (var (rule, message) in _hits.Distinct())
                {
                    if (!waived.Contains(rule))
                        findings.Add(new LintFinding(script, statement.Line, rule, message));
                }
            }

            // Waivers after the last statement waive nothing, but a malformed one is still reported.
            foreach (var waiver in Waiver.Parse(parsed.UnattachedComments))
            {
                if (waiver.Problem() is { } problem)
                    findings.Add(new LintFinding(script, waiver.Line, problem.Rule, problem.Message));
            }

            return findings
                .OrderBy(f => f.Line)
                .ThenBy(f => f.Rule, StringComparer.Ordinal)
                .ToList();
        }

        private void Hit(string rule, string message) => _hits.Add((rule, message));

        private bool IsNew(RelationName table) => _newTables.Contains(table.Key);

        private void Analyze(SqlStatement statement)
        {
            var c = new TokenCursor(statement.Tokens);
            var first = c.Current!;
            if (first.Kind != SqlTokenKind.Word)
                return;

            var isDdl = false;
            switch (first.Text.ToUpperInvariant())
            {
                case "BEGIN":
                    StartTransaction();
                    break;
                case "START" when c.At(1)?.IsKeyword("TRANSACTION") == true:
                    StartTransaction();
                    break;
                case "COMMIT" or "END":
                    if (!c.Contains("PREPARED"))
                        EndTransaction(c.Contains("AND", "CHAIN"), rolledBack: false);
                    break;
                case "ROLLBACK" or "ABORT":
                    if (!c.Contains("PREPARED") && !c.Contains("TO"))
                        EndTransaction(c.Contains("AND", "CHAIN"), rolledBack: true);
                    break;
                case "SET":
                    c.Position++;
                    SetStatement(c);
                    break;
                case "RESET":
                    if (c.At(1) is { } what && (what.Identifier == "lock_timeout" || what.IsKeyword("ALL")))
                    {
                        _sessionLockTimeout = false;
                        _localLockTimeout = null;
                    }
                    break;
                case "SELECT":
                    SetConfigCall(statement.Tokens);
                    break;
                case "CREATE":
                    isDdl = true;
                    c.Position++;
                    Create(c);
                    break;
                case "ALTER":
                    isDdl = true;
                    c.Position++;
                    Alter(c);
                    break;
                case "DROP":
                    isDdl = true;
                    c.Position++;
                    Drop(c);
                    break;
                case "REINDEX":
                    isDdl = true;
                    Reindex(c);
                    break;
                case "TRUNCATE" or "LOCK":
                    isDdl = true;
                    break;
            }

            if (isDdl && !LockTimeoutInEffect)
            {
                var what = string.Join(' ', statement.Tokens.Take(3).Select(t => t.Text));
                Hit(LintRules.MissingLockTimeout,
                    $"{what}… runs without lock_timeout: while it waits for its lock, every query on the table queues behind it. " +
                    "Put SET lock_timeout = '5s'; before the first DDL (or SET LOCAL lock_timeout = '5s'; right after BEGIN)");
            }
        }

        private void StartTransaction()
        {
            _inTransaction = true;
            _localLockTimeout = null;
            _notValidInThisTransaction.Clear();
            _sessionLockTimeoutAtBegin = _sessionLockTimeout;
        }

        private void EndTransaction(bool chain, bool rolledBack)
        {
            if (rolledBack)
                _sessionLockTimeout = _sessionLockTimeoutAtBegin;
            _localLockTimeout = null;
            _inTransaction = chain;
            _notValidInThisTransaction.Clear();
        }

        // SET [SESSION | LOCAL] lock_timeout { = | TO } value
        private void SetStatement(TokenCursor c)
        {
            var local = c.Accept("LOCAL");
            if (!local)
                c.Accept("SESSION");
            if (c.ReadIdentifier()?.Identifier != "lock_timeout")
                return;
            if (!c.AcceptSymbol('=') && !c.Accept("TO"))
                return;
            var value = c.Current;
            ApplyLockTimeout(value is not null && !value.IsKeyword("DEFAULT") && !IsZeroDuration(value.Value), local);
        }

        // SELECT set_config('lock_timeout', '5s', is_local)
        private void SetConfigCall(IReadOnlyList<SqlToken> tokens)
        {
            for (var k = 0; k + 7 < tokens.Count; k++)
            {
                if (tokens[k].Identifier == "set_config"
                    && tokens[k + 1].IsSymbol('(')
                    && tokens[k + 2] is { Kind: SqlTokenKind.String } name
                    && string.Equals(name.Value, "lock_timeout", StringComparison.OrdinalIgnoreCase)
                    && tokens[k + 3].IsSymbol(',')
                    && tokens[k + 5].IsSymbol(','))
                {
                    var isLocal = tokens[k + 6].IsKeyword("TRUE")
                        || (tokens[k + 6].Kind == SqlTokenKind.String && tokens[k + 6].Value.ToLowerInvariant() is "t" or "true" or "on" or "1");
                    ApplyLockTimeout(!IsZeroDuration(tokens[k + 4].Value), isLocal);
                }
            }
        }

        private void ApplyLockTimeout(bool enabled, bool local)
        {
            if (local)
            {
                // SET LOCAL outside a transaction block only draws a warning and changes nothing.
                if (_inTransaction)
                    _localLockTimeout = enabled;
                return;
            }
            _sessionLockTimeout = enabled;
            _localLockTimeout = null;
        }

        private static bool IsZeroDuration(string value)
        {
            var match = DurationPattern().Match(value);
            return match.Success
                && double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                && n == 0;
        }

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

    // A duration setting such as 0, '0', '0s', '1500ms', '5 s'.
    [GeneratedRegex(@"^\s*(?<n>[0-9]*\.?[0-9]+)\s*[A-Za-z]*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
