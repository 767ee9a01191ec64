using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;
using Tally.Web.Features.Audit;

namespace Tally.Tests.Audit;

/// <summary>
/// Audit coverage read from the catalog: every table of public, today's or one a later migration
/// adds, has the audit row trigger and refuses TRUNCATE, unless it is on the short, documented list
/// of exceptions (AuditTables.Exceptions, docs/audit.md).
/// </summary>
public sealed class AuditCoverageTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    // tgtype bits: ROW 1, BEFORE 2, INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32.
    private const string PublicTables = """
        SELECT c.oid FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        """;

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        return (await connection.QueryAsync<string>(sql, new { exceptions = AuditTables.Exceptions.Keys.ToArray() })).ToList();
    }

    [Fact]
    public async Task EveryPublicTable_OutsideTheExceptions_HasTheEnabledAfterRowAuditTrigger()
    {
        var unaudited = await QueryAsync($"""
            SELECT c.relname FROM pg_class c
            WHERE c.oid IN ({PublicTables}) AND c.relname <> ALL (@exceptions)
              AND NOT EXISTS (
                SELECT 1 FROM pg_trigger t
                WHERE t.tgrelid = c.oid AND t.tgfoid = 'audit.log_change()'::regprocedure AND t.tgenabled = 'O'
                  AND t.tgtype & (1 | 4 | 8 | 16) = (1 | 4 | 8 | 16) AND t.tgtype & 2 = 0)
            """);

        Assert.Empty(unaudited);
    }

    [Fact]
    public async Task EveryAuditedTable_RefusesTruncate()
    {
        var truncatable = await QueryAsync($"""
            SELECT c.relname FROM pg_class c
            WHERE c.oid IN ({PublicTables}) AND c.relname <> ALL (@exceptions)
              AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid
                                AND t.tgfoid = 'audit.refuse_truncate()'::regprocedure AND t.tgtype & 32 = 32 AND t.tgenabled = 'O')
            """);

        Assert.Empty(truncatable);
    }

    [Fact]
    public async Task AuditedTableList_OfTheApi_IsExactlyTheTriggeredTables()
    {
        var triggered = await QueryAsync("""
            SELECT DISTINCT t.tgrelid::regclass::text FROM pg_trigger t WHERE t.tgfoid = 'audit.log_change()'::regprocedure
            """);

        Assert.Equal(AuditTables.Audited.Order(), triggered.Order());
    }

    [Fact]
    public async Task Exceptions_AreFewAndEachNamesARealUnauditedTable()
    {
        var existing = await QueryAsync($"SELECT c.relname FROM pg_class c WHERE c.oid IN ({PublicTables}) AND c.relname = ANY (@exceptions)");

        Assert.True(AuditTables.Exceptions.Count <= 5);
        Assert.Equal(AuditTables.Exceptions.Keys.Order(), existing.Order());
        Assert.Empty(AuditTables.Exceptions.Keys.Intersect(AuditTables.Audited));
    }

    [Fact]
    public async Task WritingFunctions_AreSecurityDefinerOwnedByTheOwnerWithAFixedSearchPath()
    {
        var wrong = await QueryAsync("""
            SELECT p.oid::regprocedure::text FROM pg_proc p
            WHERE p.oid IN ('audit.log_change()'::regprocedure, 'audit.record_event(text, jsonb, uuid)'::regprocedure,
                            'audit.seal(uuid, integer)'::regprocedure, 'audit.ensure_partitions(integer)'::regprocedure)
              AND NOT (p.prosecdef AND p.proowner = 'tally_owner'::regrole
                       AND EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=%'))
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Partitions_CoverThisMonthAndThreeAhead()
    {
        var partitions = await QueryAsync("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'public.audit_log'::regclass AND c.relname <> 'audit_log_default'
            """);
        var expected = Enumerable.Range(0, 4).Select(i => DateTime.UtcNow.AddMonths(i)).Select(m => $"audit_log_y{m:yyyy}m{m:MM}");

        Assert.Subset(partitions.ToHashSet(), expected.ToHashSet());
    }
}
