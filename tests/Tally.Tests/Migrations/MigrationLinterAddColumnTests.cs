using Tally.Data.Migrations.Lint;
using Xunit.Abstractions;

namespace Tally.Tests.Migrations;

/// <summary>Rules for ADD COLUMN forms that rewrite the whole table.</summary>
public class MigrationLinterAddColumnTests(ITestOutputHelper output) : MigrationLinterTestBase(output)
{
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
}
