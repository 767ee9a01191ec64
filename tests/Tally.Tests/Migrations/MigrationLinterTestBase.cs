using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary>
/// Shared helpers for the <see cref="MigrationLinter"/> tests: one bad example and one safe form per rule.
/// Unless a test is about lock_timeout, its script starts with <see cref="Lock"/>, so the only finding
/// left is the rule under test.
/// </summary>
public abstract class MigrationLinterTestBase(ITestOutputHelper output)
{
    protected const string Script = "0042_test.sql";
    protected const string Lock = "SET lock_timeout = '5s';\n";

    protected static IReadOnlyList<LintFinding> Lint(string sql) => MigrationLinter.Lint(Script, sql);

    protected static string[] Rules(string sql) => Lint(sql).Select(f => f.Rule).ToArray();

    /// <summary>Asserts the script gives exactly one finding, of <paramref name="rule"/>, and returns it.</summary>
    protected LintFinding AssertOnly(string rule, string sql)
    {
        var findings = Lint(sql);
        foreach (var finding in findings)
            output.WriteLine(finding.ToString());
        var only = Assert.Single(findings);
        Assert.Equal(rule, only.Rule);
        Assert.Equal(Script, only.Script);
        Assert.False(string.IsNullOrWhiteSpace(only.Message));
        return only;
    }

    protected void AssertClean(string sql)
    {
        var findings = Lint(sql);
        foreach (var finding in findings)
            output.WriteLine(finding.ToString());
        Assert.Empty(findings);
    }
}
