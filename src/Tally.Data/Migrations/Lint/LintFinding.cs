namespace Tally.Data.Migrations.Lint;

/// <summary>One problem the migration linter found.</summary>
/// <param name="Script">The script name, e.g. <c>0007_add_lead_source.sql</c>.</param>
/// <param name="Line">1-based line of the statement (or comment) the finding is about.</param>
/// <param name="Rule">The stable rule identifier (see <see cref="LintRules"/>), used in waivers and docs.</param>
/// <param name="Message">What is wrong and what the safe form is.</param>
public sealed record LintFinding(string Script, int Line, string Rule, string Message)
{
    public override string ToString() => $"{Script}:{Line}: [{Rule}] {Message}";
}
