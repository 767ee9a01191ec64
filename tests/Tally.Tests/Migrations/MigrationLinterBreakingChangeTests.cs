using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary>Rules against changes that break the application code still running during the deploy.</summary>
public class MigrationLinterBreakingChangeTests(ITestOutputHelper output) : MigrationLinterTestBase(output)
{
    // ---------------------------------------------------------------------------------------------
    // drop-table
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("DROP TABLE leads;")]
    [InlineData("DROP TABLE IF EXISTS public.leads, lead_notes CASCADE;")]
    [InlineData("drop table \"leads\";")]
    public void Lint_DropTable_FiresDropTable(string statement) =>
        AssertOnly(LintRules.DropTable, Lock + statement);

    [Fact]
    public void Lint_DropTableWithReasonedWaiver_IsClean() => AssertClean(Lock + """
        -- lint:allow drop-table nothing reads lead_notes since release 2024.06
        DROP TABLE lead_notes;
        """);

    // ---------------------------------------------------------------------------------------------
    // drop-column
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ALTER TABLE leads DROP COLUMN legacy_source;")]
    [InlineData("ALTER TABLE leads DROP legacy_source;")]
    [InlineData("ALTER TABLE IF EXISTS ONLY public.leads DROP COLUMN IF EXISTS legacy_source CASCADE;")]
    [InlineData("ALTER TABLE leads ADD COLUMN source text, DROP COLUMN legacy_source;")]
    public void Lint_AlterTableDropColumn_FiresDropColumn(string statement) =>
        AssertOnly(LintRules.DropColumn, Lock + statement);

    [Theory]
    [InlineData("ALTER TABLE leads DROP CONSTRAINT leads_source_check;")]
    [InlineData("ALTER TABLE leads ALTER COLUMN source DROP DEFAULT;")]
    [InlineData("ALTER TABLE leads ALTER COLUMN source DROP NOT NULL;")]
    [InlineData("ALTER TABLE leads ALTER source DROP EXPRESSION;")]
    public void Lint_AlterTableDropOtherThanColumn_IsClean(string statement) =>
        AssertClean(Lock + statement);

    [Fact]
    public void Lint_DropColumnWithReasonedWaiver_IsClean() => AssertClean(Lock + """
        ALTER TABLE leads
          -- lint:allow drop-column ignored by the app since release 2024.06 (see #812)
          DROP COLUMN legacy_source;
        """);

    // ---------------------------------------------------------------------------------------------
    // rename
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ALTER TABLE leads RENAME COLUMN name TO full_name;")]
    [InlineData("ALTER TABLE leads RENAME name TO full_name;")]
    [InlineData("ALTER TABLE leads RENAME TO prospects;")]
    [InlineData("ALTER TABLE leads RENAME CONSTRAINT leads_pkey TO prospects_pkey;")]
    [InlineData("ALTER VIEW open_leads RENAME TO open_prospects;")]
    [InlineData("ALTER INDEX leads_email_idx RENAME TO prospects_email_idx;")]
    [InlineData("ALTER TYPE lead_status RENAME VALUE 'lost' TO 'closed';")]
    public void Lint_Rename_FiresRename(string statement) =>
        AssertOnly(LintRules.Rename, Lock + statement);

    [Fact]
    public void Lint_ExpandInsteadOfRename_IsClean() => AssertClean(Lock + """
        ALTER TABLE leads ADD COLUMN full_name text;
        UPDATE leads SET full_name = name WHERE full_name IS NULL AND id IN (SELECT id FROM leads LIMIT 1000);
        """);

    [Fact]
    public void Lint_AddColumnNamedRename_IsClean() =>
        AssertClean(Lock + "ALTER TABLE leads ADD COLUMN rename text;");

    // ---------------------------------------------------------------------------------------------
    // change-column-type
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ALTER TABLE leads ALTER COLUMN notes TYPE varchar(500);")]
    [InlineData("ALTER TABLE leads ALTER notes SET DATA TYPE text;")]
    [InlineData("ALTER TABLE leads ALTER COLUMN \"type\" TYPE bigint USING \"type\"::bigint;")]
    [InlineData("ALTER TABLE leads ALTER COLUMN type TYPE bigint;")]
    public void Lint_AlterColumnType_FiresChangeColumnType(string statement) =>
        AssertOnly(LintRules.ChangeColumnType, Lock + statement);

    [Theory]
    [InlineData("ALTER TABLE leads ADD COLUMN notes_v2 text;")]
    [InlineData("ALTER TABLE leads ALTER COLUMN notes SET DEFAULT '';")]
    [InlineData("ALTER TABLE leads ALTER COLUMN notes SET STATISTICS 500;")]
    public void Lint_NewColumnInsteadOfTypeChange_IsClean(string statement) =>
        AssertClean(Lock + statement);
}
