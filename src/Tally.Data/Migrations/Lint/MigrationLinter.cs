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

    // The rules for each kind of statement are in the other MigrationLinter.*.cs parts; this part
    // walks the statements, applies waivers and tracks the transaction state the rules depend on.
    private sealed partial class ScriptLinter(string script, SchemaKnowledge knowledge)
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
    }
}
