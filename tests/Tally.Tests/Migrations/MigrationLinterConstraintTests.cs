using Tally.Data.Migrations;
using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary>Rules for adding constraints without a long scan under a write-blocking lock.</summary>
public class MigrationLinterConstraintTests(ITestOutputHelper output) : MigrationLinterTestBase(output)
{
    // ---------------------------------------------------------------------------------------------
    // constraint-not-valid
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ALTER TABLE leads ADD CONSTRAINT leads_client_fk FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id);")]
    [InlineData("ALTER TABLE leads ADD FOREIGN KEY (client_id) REFERENCES clients;")]
    [InlineData("ALTER TABLE leads ADD CONSTRAINT leads_budget_positive CHECK (budget > 0);")]
    [InlineData("ALTER TABLE leads ADD CHECK (budget > 0) NO INHERIT;")]
    [InlineData("ALTER TABLE leads ADD COLUMN client_id uuid REFERENCES clients (id);")]
    [InlineData("ALTER TABLE leads ADD COLUMN budget numeric(12,2) CHECK (budget > 0);")]
    public void Lint_ValidatedConstraintOnExistingTable_FiresConstraintNotValid(string statement) =>
        AssertOnly(LintRules.ConstraintNotValid, Lock + statement);

    [Fact]
    public void Lint_ConstraintNotValidThenValidate_IsClean() => AssertClean(Lock + """
        ALTER TABLE leads ADD CONSTRAINT leads_client_fk
          FOREIGN KEY (studio_id, client_id) REFERENCES clients (studio_id, id) ON DELETE SET NULL (client_id) NOT VALID;
        ALTER TABLE leads ADD CONSTRAINT leads_budget_positive CHECK (budget > 0) NOT VALID;
        ALTER TABLE leads VALIDATE CONSTRAINT leads_client_fk;
        ALTER TABLE leads VALIDATE CONSTRAINT leads_budget_positive;
        """);

    [Fact]
    public void Lint_ValidateInSameTransactionAsNotValid_FiresConstraintNotValid()
    {
        var finding = AssertOnly(LintRules.ConstraintNotValid, Lock + """
            BEGIN;
            ALTER TABLE leads ADD CONSTRAINT leads_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) NOT VALID;
            ALTER TABLE leads VALIDATE CONSTRAINT leads_client_fk;
            COMMIT;
            """);
        Assert.Equal(4, finding.Line);
    }

    [Fact]
    public void Lint_ValidateInLaterTransaction_IsClean() => AssertClean(Lock + """
        BEGIN;
        ALTER TABLE leads ADD CONSTRAINT leads_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) NOT VALID;
        COMMIT;
        BEGIN;
        ALTER TABLE leads VALIDATE CONSTRAINT leads_client_fk;
        COMMIT;
        """);

    [Fact]
    public void Lint_ConstraintOnTableCreatedInSameScript_IsClean() => AssertClean(Lock + """
        CREATE TABLE lead_tags (id int, lead_id int, weight int);
        ALTER TABLE lead_tags ADD FOREIGN KEY (lead_id) REFERENCES leads (id);
        ALTER TABLE lead_tags ADD CHECK (weight > 0), ADD COLUMN owner_id int REFERENCES admin_users (id);
        """);

    // ---------------------------------------------------------------------------------------------
    // set-not-null
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Lint_SetNotNullOnExistingTable_FiresSetNotNull() =>
        AssertOnly(LintRules.SetNotNull, Lock + "ALTER TABLE leads ALTER COLUMN email SET NOT NULL;");

    [Fact]
    public void Lint_NotNullCheckNotValidThenValidate_IsClean() => AssertClean(Lock + """
        ALTER TABLE leads ADD CONSTRAINT leads_email_not_null CHECK (email IS NOT NULL) NOT VALID;
        ALTER TABLE leads VALIDATE CONSTRAINT leads_email_not_null;
        """);

    [Fact]
    public void Lint_SetNotNullAfterValidatedCheck_IsClean() => AssertClean(Lock + """
        ALTER TABLE leads ADD CONSTRAINT leads_email_not_null CHECK (email IS NOT NULL) NOT VALID;
        ALTER TABLE leads VALIDATE CONSTRAINT leads_email_not_null;
        ALTER TABLE leads ALTER COLUMN email SET NOT NULL;
        ALTER TABLE leads DROP CONSTRAINT leads_email_not_null;
        """);

    [Fact]
    public void Lint_SetNotNullAfterUnvalidatedCheck_FiresSetNotNull() =>
        AssertOnly(LintRules.SetNotNull, Lock + """
            ALTER TABLE leads ADD CONSTRAINT leads_email_not_null CHECK (email IS NOT NULL) NOT VALID;
            ALTER TABLE leads ALTER COLUMN email SET NOT NULL;
            """);

    [Fact]
    public void LintAll_SetNotNullAfterCheckValidatedByEarlierScript_IsClean()
    {
        var findings = MigrationLinter.LintAll(
        [
            new MigrationScript("0010_email_check.sql", Lock + "ALTER TABLE leads ADD CONSTRAINT leads_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n"),
            new MigrationScript("0011_email_validate.sql", Lock + "ALTER TABLE leads VALIDATE CONSTRAINT leads_email_not_null;\n"),
            new MigrationScript("0012_email_not_null.sql", Lock + "ALTER TABLE public.leads ALTER COLUMN email SET NOT NULL;\n"),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Lint_SetNotNullOnTableCreatedInSameScript_IsClean() => AssertClean(Lock + """
        CREATE TABLE lead_tags (id int, tag text);
        ALTER TABLE lead_tags ALTER COLUMN tag SET NOT NULL;
        """);

    // ---------------------------------------------------------------------------------------------
    // unique-constraint-without-index
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ALTER TABLE leads ADD CONSTRAINT leads_email_key UNIQUE (studio_id, email);")]
    [InlineData("ALTER TABLE leads ADD UNIQUE NULLS NOT DISTINCT (studio_id, email);")]
    [InlineData("ALTER TABLE leads ADD PRIMARY KEY (studio_id, id);")]
    [InlineData("ALTER TABLE leads ADD CONSTRAINT leads_email_key UNIQUE (email) USING INDEX TABLESPACE fast;")]
    [InlineData("ALTER TABLE leads ADD COLUMN code text UNIQUE;")]
    public void Lint_UniqueConstraintOnExistingTable_FiresUniqueConstraintWithoutIndex(string statement) =>
        AssertOnly(LintRules.UniqueConstraintWithoutIndex, Lock + statement);

    [Fact]
    public void Lint_UniqueIndexConcurrentlyThenConstraintUsingIndex_IsClean() => AssertClean(Lock + """
        CREATE UNIQUE INDEX CONCURRENTLY leads_email_key ON leads (studio_id, email);
        ALTER TABLE leads ADD CONSTRAINT leads_email_key UNIQUE USING INDEX leads_email_key;
        ALTER TABLE lead_tags ADD CONSTRAINT lead_tags_pkey PRIMARY KEY USING INDEX lead_tags_pkey_idx;
        """);

    [Fact]
    public void Lint_UniqueConstraintOnTableCreatedInSameScript_IsClean() => AssertClean(Lock + """
        CREATE TABLE lead_tags (id int, tag text);
        ALTER TABLE lead_tags ADD PRIMARY KEY (id), ADD CONSTRAINT lead_tags_tag_key UNIQUE (tag);
        """);
}
