using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary><c>lint:allow</c> waivers: what they suppress, and the findings for malformed ones.</summary>
public class MigrationLinterWaiverTests(ITestOutputHelper output) : MigrationLinterTestBase(output)
{
    // ---------------------------------------------------------------------------------------------
    // waivers
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Lint_WaiverBeforeStatement_SuppressesOnlyThatStatement()
    {
        var finding = AssertOnly(LintRules.DropTable, Lock + """
            -- lint:allow drop-table the app stopped using it in 2024.06
            DROP TABLE lead_notes;
            DROP TABLE lead_tags;
            """);
        Assert.Equal(4, finding.Line);
    }

    [Fact]
    public void Lint_WaiverInsideStatement_Suppresses() => AssertClean(Lock + """
        ALTER TABLE leads
          ALTER COLUMN notes TYPE text; /* lint:allow change-column-type varchar to text is binary coercible, no rewrite */
        """);

    [Fact]
    public void Lint_WaiverTrailingOnSameLine_Suppresses() => AssertClean(Lock +
        "DROP INDEX leads_old_idx; -- lint:allow index-not-concurrent the index is tiny and unused\n" +
        "SELECT 1;\n");

    [Fact]
    public void Lint_WaiverForOtherRule_DoesNotSuppress() =>
        AssertOnly(LintRules.DropTable, Lock + """
            -- lint:allow drop-column the app stopped using it in 2024.06
            DROP TABLE lead_notes;
            """);

    [Fact]
    public void Lint_WaiverOnlyForOneOfTwoRules_LeavesTheOther() =>
        AssertOnly(LintRules.IndexNotConcurrent, """
            -- lint:allow missing-lock-timeout run by hand in the maintenance window only
            CREATE INDEX leads_email_idx ON leads (email);
            """);

    [Theory]
    [InlineData("-- lint:allow drop-table")]
    [InlineData("-- lint:allow drop-table unused now")]
    [InlineData("/* lint:allow drop-table */")]
    public void Lint_WaiverWithoutReason_FiresWaiverWithoutReasonAndDoesNotSuppress(string waiver)
    {
        var findings = Lint(Lock + waiver + "\nDROP TABLE lead_notes;\n");

        Assert.Equal([LintRules.WaiverWithoutReason, LintRules.DropTable], findings.Select(f => f.Rule).ToArray());
        Assert.Equal(2, findings[0].Line);
        Assert.Equal(3, findings[1].Line);
    }

    [Theory]
    [InlineData("-- lint:allow drop-tables the app stopped using it")]
    [InlineData("-- lint:allow waiver-without-reason because I said so")]
    [InlineData("-- lint:allow")]
    public void Lint_WaiverForUnknownRule_FiresUnknownRule(string waiver)
    {
        var findings = Lint(Lock + waiver + "\nDROP TABLE lead_notes;\n");

        Assert.Equal([LintRules.UnknownRule, LintRules.DropTable], findings.Select(f => f.Rule).ToArray());
    }

    [Fact]
    public void Lint_SeveralWaiversInOneComment_SuppressEachRule() => AssertClean("""
        /*
         * lint:allow missing-lock-timeout the table is created empty right here
         * lint:allow drop-table it is an empty staging table from 0041
         */
        DROP TABLE lead_import_staging;
        """);
}
