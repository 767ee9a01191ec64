using Dapper;
using Npgsql;
using Tally.Data.Migrations;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Schema;

/// <summary>
/// The conventions of docs/schema.md, read from the catalog of a freshly migrated database, so a
/// later migration that breaks one fails here (tenant-first keys, citext emails, numeric money,
/// timestamptz instants, indexed foreign keys, the application role's privileges).
/// </summary>
public sealed class SchemaCatalogTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        return (await connection.QueryAsync<T>(sql, new { journal = Migrator.JournalTable })).ToList();
    }

    /// <summary>Tables of the public schema but the migration journal.</summary>
    private const string Tables = """
        SELECT c.oid FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> @journal
        """;

    [Fact]
    public async Task Catalog_EverySpecifiedTable_Exists()
    {
        var tables = await QueryAsync<string>($"SELECT relname FROM pg_class WHERE oid IN ({Tables})");

        Assert.Empty(BaseTables.All.Except(tables));
    }

    [Fact]
    public async Task TenantTables_PrimaryKey_StartsWithStudioId()
    {
        var wrong = await QueryAsync<string>($"""
            SELECT c.relname
            FROM pg_class c
            LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = pk.conkey[1]
            WHERE c.oid IN ({Tables}) AND c.relname <> 'studios'
              AND (a.attname IS DISTINCT FROM 'studio_id' OR cardinality(pk.conkey) < 2)
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task TenantTables_FirstColumn_IsStudioIdNotNullReferencingStudios()
    {
        var wrong = await QueryAsync<string>($"""
            SELECT c.relname
            FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = (
              SELECT min(attnum) FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped)
            WHERE c.oid IN ({Tables}) AND c.relname <> 'studios'
              AND NOT (a.attname = 'studio_id' AND a.attnotnull AND a.atttypid = 'uuid'::regtype
                       AND EXISTS (SELECT 1 FROM pg_constraint f
                                   WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid = 'studios'::regclass
                                     AND f.conkey = ARRAY[a.attnum]))
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task ForeignKeys_OfTenantTables_StartWithStudioIdOnBothSides()
    {
        var wrong = await QueryAsync<string>($"""
            SELECT f.conrelid::regclass || '.' || f.conname
            FROM pg_constraint f
            JOIN pg_attribute child ON child.attrelid = f.conrelid AND child.attnum = f.conkey[1]
            JOIN pg_attribute parent ON parent.attrelid = f.confrelid AND parent.attnum = f.confkey[1]
            WHERE f.contype = 'f' AND f.conrelid IN ({Tables}) AND f.conrelid <> 'studios'::regclass
              AND NOT (child.attname = 'studio_id'
                       AND (parent.attname = 'studio_id' OR (f.confrelid = 'studios'::regclass AND cardinality(f.conkey) = 1)))
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task ForeignKeys_EachHasAnIndexLeadingWithItsColumns()
    {
        // Covered: some index starts with exactly the key's columns (any order), or every column of
        // a unique index is among them (a lookup by the key finds at most one row through it).
        var uncovered = await QueryAsync<string>($"""
            SELECT f.conrelid::regclass || '.' || f.conname
            FROM pg_constraint f
            WHERE f.contype = 'f' AND f.conrelid IN ({Tables})
              AND NOT EXISTS (
                SELECT 1 FROM pg_index i
                WHERE i.indrelid = f.conrelid
                  AND (
                    (i.indnkeyatts >= cardinality(f.conkey)
                     AND (SELECT array_agg(k ORDER BY k) FROM unnest((i.indkey::int2[])[0:cardinality(f.conkey) - 1]) k)
                       = (SELECT array_agg(k ORDER BY k) FROM unnest(f.conkey) k))
                    OR (i.indisunique AND (i.indkey::int2[])[0:i.indnkeyatts - 1] <@ f.conkey)))
            """);

        Assert.Empty(uncovered);
    }

    [Fact]
    public async Task EmailColumns_AreCitext()
    {
        var wrong = await QueryAsync<string>($"""
            SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.oid IN ({Tables}) AND a.attnum > 0 AND NOT a.attisdropped
              AND (a.attname = 'email' OR a.attname LIKE '%\_email')
              AND a.atttypid <> 'citext'::regtype
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Columns_NeverFloatingPointOrMoneyType()
    {
        var wrong = await QueryAsync<string>($"""
            SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.oid IN ({Tables}) AND a.attnum > 0 AND NOT a.attisdropped
              AND a.atttypid IN ('real'::regtype, 'double precision'::regtype, 'money'::regtype)
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task MoneyColumns_AreNumeric12_2_BesideACurrency()
    {
        var money = await QueryAsync<(string Table, string Column, string Type, bool HasCurrency)>($"""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                   EXISTS (SELECT 1 FROM pg_attribute k WHERE k.attrelid = c.oid AND k.attname = 'currency'
                             AND format_type(k.atttypid, k.atttypmod) = 'character(3)')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.oid IN ({Tables}) AND a.attnum > 0 AND NOT a.attisdropped
              AND a.attname ~ '(^|_)(amount|total|subtotal|budget|price)$'
            """);

        Assert.NotEmpty(money);
        Assert.All(money, m => Assert.True(m.Type == "numeric(12,2)" && m.HasCurrency, $"{m.Table}.{m.Column} is {m.Type}, currency column: {m.HasCurrency}"));
    }

    [Fact]
    public async Task TimestampColumns_AreTimestamptz()
    {
        var wrong = await QueryAsync<string>($"""
            SELECT c.relname || '.' || a.attname
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.oid IN ({Tables}) AND a.attnum > 0 AND NOT a.attisdropped
              AND a.atttypid IN ('timestamp'::regtype, 'time'::regtype, 'timetz'::regtype)
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task IdColumns_HaveNoDefault_BecauseTheAppMakesUuidV7()
    {
        var wrong = await QueryAsync<string>($"""
            SELECT c.relname
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.oid IN ({Tables}) AND a.attname = 'id'
              AND (a.atthasdef OR a.atttypid <> 'uuid'::regtype OR a.attidentity <> '')
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task UpdatedAtColumns_AreKeptBySetUpdatedAtTrigger()
    {
        var wrong = await QueryAsync<string>($"""
            SELECT c.relname
            FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'updated_at'
            WHERE c.oid IN ({Tables})
              AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                              WHERE t.tgrelid = c.oid AND t.tgfoid = 'set_updated_at'::regproc AND NOT t.tgisinternal)
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task AppRole_MayReadAndWriteEveryTable_ButNotTheJournal()
    {
        var missing = await QueryAsync<string>($"""
            SELECT relname FROM pg_class
            WHERE oid IN ({Tables}) AND NOT has_table_privilege('tally_app', oid, 'SELECT, INSERT, UPDATE, DELETE')
            """);
        var journal = await QueryAsync<bool>(
            "SELECT has_table_privilege('tally_app', 'public.' || @journal, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')");

        Assert.Empty(missing);
        Assert.False(journal.Single());
    }

    [Fact]
    public async Task AppRole_OwnsNothingAndMayNotCreateInPublic()
    {
        var owned = await QueryAsync<string>("SELECT relname FROM pg_class WHERE relowner = 'tally_app'::regrole");
        var create = await QueryAsync<bool>("SELECT has_schema_privilege('tally_app', 'public', 'CREATE')");

        Assert.Empty(owned);
        Assert.False(create.Single());
    }
}
