using Tally.Data.Migrations;
using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary>Rules for building, dropping and rebuilding indexes without blocking writes.</summary>
public class MigrationLinterIndexTests(ITestOutputHelper output) : MigrationLinterTestBase(output)
{
    // ---------------------------------------------------------------------------------------------
    // index-not-concurrent
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("CREATE INDEX leads_email_idx ON leads (email);")]
    [InlineData("CREATE UNIQUE INDEX leads_email_key ON public.leads (email);")]
    [InlineData("create index on leads using gin (notes gin_trgm_ops);")]
    [InlineData("CREATE INDEX IF NOT EXISTS leads_email_idx ON ONLY leads (email);")]
    [InlineData("DROP INDEX leads_email_idx;")]
    [InlineData("DROP INDEX IF EXISTS leads_email_idx, leads_name_idx;")]
    [InlineData("REINDEX INDEX leads_email_idx;")]
    public void Lint_IndexWithoutConcurrently_FiresIndexNotConcurrent(string statement) =>
        AssertOnly(LintRules.IndexNotConcurrent, Lock + statement);

    [Theory]
    [InlineData("CREATE INDEX CONCURRENTLY leads_email_idx ON leads (email);")]
    [InlineData("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS leads_email_key ON leads (email);")]
    [InlineData("DROP INDEX CONCURRENTLY IF EXISTS leads_email_idx;")]
    [InlineData("REINDEX INDEX CONCURRENTLY leads_email_idx;")]
    public void Lint_IndexConcurrently_IsClean(string statement) =>
        AssertClean(Lock + statement);

    [Fact]
    public void Lint_IndexOnTableCreatedInSameScript_IsClean() => AssertClean(Lock + """
        BEGIN;
        CREATE TABLE public.lead_tags (studio_id uuid NOT NULL, id uuid NOT NULL, tag text NOT NULL);
        CREATE INDEX lead_tags_tag_idx ON lead_tags (tag);
        CREATE UNIQUE INDEX lead_tags_key ON "lead_tags" (studio_id, tag);
        COMMIT;
        """);

    [Fact]
    public void Lint_IndexOnDifferentlyCasedQuotedTable_FiresIndexNotConcurrent() =>
        AssertOnly(LintRules.IndexNotConcurrent, Lock + """
            CREATE TABLE "LeadTags" (id int);
            CREATE INDEX lead_tags_id_idx ON leadtags (id);
            """);

    [Fact]
    public void Lint_IndexOnTableInOtherSchema_FiresIndexNotConcurrent() =>
        AssertOnly(LintRules.IndexNotConcurrent, Lock + """
            CREATE TABLE archive.leads (id int);
            CREATE INDEX leads_id_idx ON public.leads (id);
            """);

    [Fact]
    public void LintAll_IndexOnTableCreatedByEarlierScript_FiresIndexNotConcurrent()
    {
        var findings = MigrationLinter.LintAll(
        [
            new MigrationScript("0001_tags.sql", Lock + "CREATE TABLE lead_tags (id int, tag text);\nCREATE INDEX lead_tags_id_idx ON lead_tags (id);\n"),
            new MigrationScript("0002_tag_index.sql", Lock + "CREATE INDEX lead_tags_tag_idx ON lead_tags (tag);\n"),
        ]);

        var finding = Assert.Single(findings);
        Assert.Equal(("0002_tag_index.sql", 2, LintRules.IndexNotConcurrent), (finding.Script, finding.Line, finding.Rule));
    }

    // ---------------------------------------------------------------------------------------------
    // concurrent-in-transaction
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("BEGIN;\nCREATE INDEX CONCURRENTLY leads_email_idx ON leads (email);\nCOMMIT;")]
    [InlineData("BEGIN;\nDROP INDEX CONCURRENTLY leads_email_idx;\nCOMMIT;")]
    [InlineData("START TRANSACTION ISOLATION LEVEL READ COMMITTED;\nCREATE UNIQUE INDEX CONCURRENTLY leads_email_key ON leads (email);\nCOMMIT;")]
    [InlineData("BEGIN;\nCREATE TABLE lead_tags (id int);\nCREATE INDEX CONCURRENTLY lead_tags_id_idx ON lead_tags (id);\nCOMMIT;")]
    public void Lint_ConcurrentIndexInsideTransaction_FiresConcurrentInTransaction(string sql) =>
        AssertOnly(LintRules.ConcurrentInTransaction, Lock + sql);

    [Fact]
    public void Lint_ConcurrentIndexAfterCommit_IsClean() => AssertClean(Lock + """
        BEGIN;
        ALTER TABLE leads ADD COLUMN source text;
        COMMIT;
        CREATE INDEX CONCURRENTLY leads_source_idx ON leads (source);
        ROLLBACK TO SAVEPOINT nothing_to_see;
        """);
}
