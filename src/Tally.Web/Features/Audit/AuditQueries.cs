using Dapper;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Audit;

/// <summary>Verification of the studio's chain, as shown on the /audit page.</summary>
public sealed record ChainStatus(bool Ok, long Sealed, long Unsealed, long? BrokenEntryNo, long? BrokenSeq, string? Problem, long HeadSeq, string HeadHash);

/// <summary>A recent change for the /audit page (properties: see <see cref="AuditRow"/>).</summary>
public sealed record RecentChange
{
    public long EntryNo { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string? TableName { get; init; }
    public Guid? RecordId { get; init; }
    public string Action { get; init; } = "";
    public string? UserEmail { get; init; }
    public string[]? ChangedFields { get; init; }
}

/// <summary>Reads of the trail. Row-level security lets only the studio's admins see any row.</summary>
internal static class AuditQueries
{
    private const string Columns = """
        entry_no AS entryno, occurred_at AS occurredat, action, user_email::text AS useremail, user_role AS userrole,
        host(user_ip) AS userip, old_values::text AS oldvalues, new_values::text AS newvalues, changed_fields AS changedfields
        """;

    /// <summary>The record's rows, oldest first. <paramref name="table"/> is a parameter, never SQL text.</summary>
    public static async Task<List<AuditRow>> RowsAsync(TallyDb db, string table, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<AuditRow>(new CommandDefinition($"""
            SELECT {Columns} FROM audit_log
            WHERE studio_id = @studio AND table_name = @table AND record_id = @id
            ORDER BY occurred_at, entry_no
            """, new { studio = db.Claims.StudioId, table, id }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>
    /// Whether the caller may read the trail: the very predicate of the audit_log policy
    /// (auth.is_admin()), asked of the database so the page and row-level security cannot disagree.
    /// </summary>
    public static async Task<bool> CanReadAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT coalesce(auth.is_admin(), false)", cancellationToken: ct));
    }

    public static async Task<List<RecentChange>> RecentAsync(TallyDb db, int limit, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<RecentChange>(new CommandDefinition("""
            SELECT entry_no AS entryno, occurred_at AS occurredat, table_name AS tablename, record_id AS recordid, action,
                   user_email::text AS useremail, changed_fields AS changedfields
            FROM audit_log
            WHERE studio_id = @studio AND occurred_at > now() - interval '30 days'
            ORDER BY occurred_at DESC, entry_no DESC LIMIT @limit
            """, new { studio = db.Claims.StudioId, limit }, cancellationToken: ct));
        return rows.AsList();
    }

    public static async Task<ChainStatus> VerifyAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleAsync<ChainStatus>(new CommandDefinition(
            "SELECT ok, sealed, unsealed, broken_entry_no AS brokenentryno, broken_seq AS brokenseq, problem, head_seq AS headseq, head_hash AS headhash FROM audit.verify_mine()",
            cancellationToken: ct));
    }
}
