using Tally.Data.Migrations;
using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary>
/// Lints every embedded migration. The per-rule examples are in the other MigrationLinter*Tests classes;
/// docs/migrations.md names this test, so keep its class and name.
/// </summary>
public class MigrationLinterTests(ITestOutputHelper output)
{
    // ---------------------------------------------------------------------------------------------
    // the real migrations
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void AllMigrations_Lint_Clean()
    {
        var scripts = Migrator.Scripts();
        Assert.NotEmpty(scripts);

        var findings = MigrationLinter.LintAll(scripts);

        foreach (var finding in findings)
            output.WriteLine(finding.ToString());
        Assert.True(findings.Count == 0,
            $"{findings.Count} migration lint finding(s); fix them or add '-- lint:allow <rule> <reason>' (see docs/migrations.md):{Environment.NewLine}" +
            string.Join(Environment.NewLine, findings));
    }
}
