namespace Tally.Data.Migrations.Lint;

/// <summary>
/// The stable rule identifiers of <see cref="MigrationLinter"/>. They appear in findings, in
/// <c>-- lint:allow &lt;rule&gt; &lt;reason&gt;</c> waivers and in docs/migrations.md, so never rename one.
/// </summary>
public static class LintRules
{
    public const string DropTable = "drop-table";
    public const string DropColumn = "drop-column";
    public const string Rename = "rename";
    public const string ChangeColumnType = "change-column-type";
    public const string IndexNotConcurrent = "index-not-concurrent";
    public const string ConstraintNotValid = "constraint-not-valid";
    public const string SetNotNull = "set-not-null";
    public const string VolatileDefault = "volatile-default";
    public const string StoredGeneratedColumn = "stored-generated-column";
    public const string UniqueConstraintWithoutIndex = "unique-constraint-without-index";
    public const string MissingLockTimeout = "missing-lock-timeout";
    public const string ConcurrentInTransaction = "concurrent-in-transaction";

    /// <summary>A <c>lint:allow</c> waiver whose reason has fewer than <see cref="MinimumReasonWords"/> words.</summary>
    public const string WaiverWithoutReason = "waiver-without-reason";

    /// <summary>A <c>lint:allow</c> waiver naming a rule that does not exist (or cannot be waived).</summary>
    public const string UnknownRule = "unknown-rule";

    /// <summary>An unterminated string, quoted identifier, dollar-quoted body or block comment.</summary>
    public const string ParseError = "parse-error";

    /// <summary>How many words a waiver's reason needs at least.</summary>
    public const int MinimumReasonWords = 3;

    /// <summary>The rules a <c>lint:allow</c> waiver can suppress.</summary>
    public static IReadOnlyList<string> Waivable { get; } =
    [
        DropTable,
        DropColumn,
        Rename,
        ChangeColumnType,
        IndexNotConcurrent,
        ConstraintNotValid,
        SetNotNull,
        VolatileDefault,
        StoredGeneratedColumn,
        UniqueConstraintWithoutIndex,
        MissingLockTimeout,
        ConcurrentInTransaction,
    ];

    /// <summary>Every rule a finding can carry: the waivable ones plus the waiver and parse checks.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Waivable, WaiverWithoutReason, UnknownRule, ParseError];

    internal static bool IsWaivable(string rule) => Waivable.Contains(rule, StringComparer.Ordinal);
}
