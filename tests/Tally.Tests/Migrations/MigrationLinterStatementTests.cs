using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary>Statement splitting: DDL text inside strings, comments and dollar quotes, and finding line numbers.</summary>
public class MigrationLinterStatementTests(ITestOutputHelper output) : MigrationLinterTestBase(output)
{
    // ---------------------------------------------------------------------------------------------
    // statements: comments, strings, dollar quotes and line numbers
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Lint_FunctionBodyContainingDdlText_IsClean() => AssertClean(Lock + """
        CREATE OR REPLACE FUNCTION purge_lead(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          EXECUTE 'DROP TABLE IF EXISTS lead_' || p_id::text;  -- a ';' and DROP TABLE inside the body
          ALTER TABLE leads DROP COLUMN notes;
          CREATE INDEX leads_x ON leads (x);
        END;
        $$;
        CREATE FUNCTION lead_label(l leads) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
          SELECT 'DROP TABLE ' || l.name || $q$; ALTER TABLE leads RENAME TO x;$q$
        $fn$;
        """);

    [Theory]
    [InlineData("SELECT 'drop table leads; alter table leads drop column x;';")]
    [InlineData("SELECT 'it''s; DROP TABLE leads';")]
    [InlineData("SELECT E'it\\'s; DROP TABLE leads';")]
    [InlineData("SELECT \"drop table; leads\" FROM t;")]
    [InlineData("-- DROP TABLE leads;\nSELECT 1;")]
    [InlineData("/* outer /* DROP TABLE leads; */ still a comment; DROP TABLE leads; */ SELECT 1;")]
    [InlineData("SELECT a$b$ FROM t WHERE x = 'DROP TABLE y';")]
    public void Lint_DdlInsideStringsCommentsOrIdentifiers_IsClean(string sql) => AssertClean(sql);

    [Fact]
    public void Lint_MixedCaseKeywords_FiresDropColumn() =>
        AssertOnly(LintRules.DropColumn, "SeT LoCk_TiMeOuT = '5s';\nAlTeR tAbLe leads DrOp CoLuMn notes;");

    [Fact]
    public void Lint_FindingAfterMultiLineBodiesAndStrings_ReportsStatementStartLine()
    {
        var sql = """
            SET lock_timeout = '5s';
            /* header
               spanning lines; with DROP TABLE text */
            CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$
              SELECT 'a;
            b'
            $$;
            INSERT INTO notes VALUES ('line one
            line two; still the string');

            -- the offending statement starts on line 12
            ALTER TABLE leads
              DROP COLUMN notes;
            """;

        var finding = AssertOnly(LintRules.DropColumn, sql);

        Assert.Equal(12, finding.Line);
    }

    [Fact]
    public void Lint_CrLfLineEndings_ReportsRightLine()
    {
        var finding = AssertOnly(LintRules.DropTable, "SET lock_timeout = '5s';\r\n\r\n-- comment\r\nDROP TABLE leads;\r\n");

        Assert.Equal(4, finding.Line);
    }

    [Fact]
    public void Lint_UnterminatedDollarQuote_FiresParseError()
    {
        var findings = Lint(Lock + "SELECT 1;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1;\nDROP TABLE leads;\n");

        var finding = Assert.Single(findings, f => f.Rule == LintRules.ParseError);
        Assert.Equal(3, finding.Line);
    }
}
