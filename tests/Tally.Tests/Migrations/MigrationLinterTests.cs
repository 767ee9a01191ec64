using Tally.Data.Migrations;
using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary>
/// One bad example and one safe form per rule of <see cref="MigrationLinter"/>, plus waivers, line
/// numbers and the real migrations. Unless a test is about lock_timeout, its script starts with
/// <see cref="Lock"/>, so the only finding left is the rule under test.
/// </summary>
public class MigrationLinterTests(ITestOutputHelper output)
{
    private const string Script = "0042_test.sql";
    private const string Lock = "SET lock_timeout = '5s';\n";

    private static IReadOnlyList<LintFinding> Lint(string sql) => MigrationLinter.Lint(Script, sql);

    private static string[] Rules(string sql) => Lint(sql).Select(f => f.Rule).ToArray();

    /// <summary>Asserts the script gives exactly one finding, of <paramref name="rule"/>, and returns it.</summary>
    private LintFinding AssertOnly(string rule, string sql)
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

    private void AssertClean(string sql)
    {
        var findings = Lint(sql);
        foreach (var finding in findings)
            output.WriteLine(finding.ToString());
        Assert.Empty(findings);
    }

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
    // volatile-default
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ALTER TABLE leads ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();")]
    [InlineData("ALTER TABLE leads ADD COLUMN public_id uuid DEFAULT public.uuid_generate_v4();")]
    [InlineData("ALTER TABLE leads ADD COLUMN sort_key double precision DEFAULT random();")]
    [InlineData("ALTER TABLE leads ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();")]
    [InlineData("ALTER TABLE leads ADD COLUMN number bigint DEFAULT nextval('lead_numbers'::regclass);")]
    [InlineData("ALTER TABLE leads ADD COLUMN number bigserial;")]
    [InlineData("ALTER TABLE leads ADD number serial NOT NULL;")]
    [InlineData("ALTER TABLE leads ADD COLUMN number bigint GENERATED ALWAYS AS IDENTITY;")]
    public void Lint_AddColumnWithVolatileDefault_FiresVolatileDefault(string statement) =>
        AssertOnly(LintRules.VolatileDefault, Lock + statement);

    [Theory]
    [InlineData("ALTER TABLE leads ADD COLUMN priority int NOT NULL DEFAULT 0;")]
    [InlineData("ALTER TABLE leads ADD COLUMN source text NOT NULL DEFAULT 'web';")]
    [InlineData("ALTER TABLE leads ADD COLUMN archived boolean NOT NULL DEFAULT false;")]
    [InlineData("ALTER TABLE leads ADD COLUMN imported_at timestamptz NOT NULL DEFAULT now();")]
    [InlineData("ALTER TABLE leads ADD COLUMN imported_at timestamptz DEFAULT current_timestamp;")]
    [InlineData("ALTER TABLE leads ADD COLUMN note text DEFAULT 'random() is not called here';")]
    [InlineData("ALTER TABLE leads ADD COLUMN public_id uuid;")]
    public void Lint_AddColumnWithConstantOrStableDefault_IsClean(string statement) =>
        AssertClean(Lock + statement);

    [Fact]
    public void Lint_VolatileDefaultOnTableCreatedInSameScript_IsClean() => AssertClean(Lock + """
        CREATE TABLE lead_tags (tag text);
        ALTER TABLE lead_tags ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(), ADD COLUMN n bigserial;
        """);

    [Fact]
    public void Lint_SetVolatileDefaultOnExistingColumn_IsClean() =>
        AssertClean(Lock + "ALTER TABLE leads ALTER COLUMN public_id SET DEFAULT gen_random_uuid();");

    // ---------------------------------------------------------------------------------------------
    // stored-generated-column
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Lint_AddStoredGeneratedColumn_FiresStoredGeneratedColumn() =>
        AssertOnly(LintRules.StoredGeneratedColumn, Lock +
            "ALTER TABLE quotes ADD COLUMN total numeric(12,2) GENERATED ALWAYS AS (subtotal + tax) STORED;");

    [Fact]
    public void Lint_AddPlainColumnInsteadOfGenerated_IsClean() =>
        AssertClean(Lock + "ALTER TABLE quotes ADD COLUMN total numeric(12,2);");

    [Fact]
    public void Lint_StoredGeneratedColumnOnTableCreatedInSameScript_IsClean() => AssertClean(Lock + """
        CREATE TABLE quote_lines (qty int, price numeric(12,2));
        ALTER TABLE quote_lines ADD COLUMN amount numeric(12,2) GENERATED ALWAYS AS (qty * price) STORED;
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
