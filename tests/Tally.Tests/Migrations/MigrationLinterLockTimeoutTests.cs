using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary>The missing-lock-timeout rule: how SET, SET LOCAL, RESET and transactions scope lock_timeout.</summary>
public class MigrationLinterLockTimeoutTests(ITestOutputHelper output) : MigrationLinterTestBase(output)
{
    // ---------------------------------------------------------------------------------------------
    // missing-lock-timeout
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ALTER TABLE leads ADD COLUMN note text;")]
    [InlineData("CREATE TABLE lead_tags (id int);")]
    [InlineData("CREATE INDEX CONCURRENTLY leads_email_idx ON leads (email);")]
    [InlineData("DROP VIEW IF EXISTS open_leads;")]
    [InlineData("TRUNCATE lead_import_staging;")]
    public void Lint_DdlWithoutLockTimeout_FiresMissingLockTimeout(string statement) =>
        AssertOnly(LintRules.MissingLockTimeout, statement);

    [Fact]
    public void Lint_LockTimeoutSetAfterTheDdl_FiresMissingLockTimeoutForEarlierDdlOnly()
    {
        var finding = AssertOnly(LintRules.MissingLockTimeout, """
            ALTER TABLE leads ADD COLUMN note text;
            SET lock_timeout = '5s';
            ALTER TABLE leads ADD COLUMN note2 text;
            """);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void Lint_SetLocalLockTimeoutOutsideTransaction_FiresMissingLockTimeout() =>
        AssertOnly(LintRules.MissingLockTimeout, """
            SET LOCAL lock_timeout = '5s';
            BEGIN;
            ALTER TABLE leads ADD COLUMN note text;
            COMMIT;
            """);

    [Fact]
    public void Lint_DdlAfterCommitOfSetLocalBlock_FiresMissingLockTimeout()
    {
        var finding = AssertOnly(LintRules.MissingLockTimeout, """
            BEGIN;
            SET LOCAL lock_timeout = '5s';
            ALTER TABLE leads ADD COLUMN note text;
            COMMIT;
            CREATE INDEX CONCURRENTLY leads_note_idx ON leads (note);
            """);
        Assert.Equal(5, finding.Line);
    }

    [Theory]
    [InlineData("SET lock_timeout = 0;")]
    [InlineData("SET lock_timeout TO DEFAULT;")]
    [InlineData("RESET lock_timeout;")]
    public void Lint_LockTimeoutTurnedOffBeforeDdl_FiresMissingLockTimeout(string turnOff) =>
        AssertOnly(LintRules.MissingLockTimeout, Lock + turnOff + "\nALTER TABLE leads ADD COLUMN note text;");

    [Theory]
    [InlineData("SET lock_timeout = '5s';\nBEGIN;\nALTER TABLE leads ADD COLUMN note text;\nCOMMIT;")]
    [InlineData("set lock_timeout to '2s';\nALTER TABLE leads ADD COLUMN note text;")]
    [InlineData("SET SESSION lock_timeout = 5000;\nALTER TABLE leads ADD COLUMN note text;")]
    [InlineData("BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE leads ADD COLUMN note text;\nCOMMIT;")]
    [InlineData("START TRANSACTION;\nSET LOCAL lock_timeout TO '5s';\nALTER TABLE leads ADD COLUMN note text;\nEND;")]
    [InlineData("SELECT set_config('lock_timeout', '5s', false);\nALTER TABLE leads ADD COLUMN note text;")]
    [InlineData("INSERT INTO leads (id) VALUES (1);\nUPDATE leads SET note = 'alter table x' WHERE id = 1;")]
    public void Lint_LockTimeoutSetBeforeDdlOrNoDdl_IsClean(string sql) => AssertClean(sql);
}
