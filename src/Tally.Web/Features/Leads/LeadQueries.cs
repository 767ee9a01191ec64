using Dapper;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Leads;

/// <summary>The outcome of a write guarded by a row version.</summary>
public enum LeadWrite
{
    Done,
    NotFound,
    Stale,
}

/// <summary>
/// Leads read and written under row-level security (TallyDb): a member sees and changes what the
/// policies let them, and every statement also names the studio of the claims.
/// </summary>
internal static class LeadQueries
{
    private const string DetailSql = """
        SELECT l.id, l.first_name AS firstname, l.last_name AS lastname, l.partner_name AS partnername, l.email::text AS email,
               l.phone, l.event_type AS eventtype, l.event_date AS eventdate, l.venue, l.guest_count AS guestcount,
               l.budget, l.currency, l.source, l.message, l.status, l.workflow_stage AS workflowstage, l.lost_reason AS lostreason,
               l.assigned_to AS assignedto, u.full_name AS assignedtoname, l.converted_client_id AS convertedclientid,
               l.archived_at AS archivedat, l.created_at AS createdat, l.updated_at AS updatedat, l.xmin::text AS version
        FROM leads l
        LEFT JOIN admin_users u ON u.studio_id = l.studio_id AND u.id = l.assigned_to
        WHERE l.studio_id = @studioId AND l.id = @id
        """;

    /// <summary>
    /// One page in the query's order. Reads one row past the page to learn whether a next page
    /// exists: a count(*) over a studio of tens of thousands of leads would cost more than the page.
    /// </summary>
    public static async Task<LeadListPage> PageAsync(TallyDb db, Guid studioId, LeadListQuery query, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var (sql, parameters) = LeadListSql.Build(studioId, query, query.Limit + 1);
        var rows = (await conn.QueryAsync<LeadSummary>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
        string? next = null;
        if (rows.Count > query.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = LeadCursor.After(query.Sort, rows[^1]).Encode();
        }
        return new LeadListPage(rows, next, query.Limit, query.Sort);
    }

    public static async Task<LeadDetail?> FindAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<LeadDetail>(new CommandDefinition(DetailSql, new { studioId = db.Claims.StudioId, id }, cancellationToken: ct));
    }

    /// <summary>Inserts a lead (status new, stage inquiry) and answers its id.</summary>
    public static async Task<Guid> CreateAsync(TallyDb db, LeadInput input, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leads (studio_id, id, first_name, last_name, partner_name, email, phone, event_type, event_date, venue,
                               guest_count, budget, currency, source, message, assigned_to)
            VALUES (@studioId, @id, @FirstName, @LastName, @PartnerName, @Email, @Phone, @EventType, @EventDate, @Venue,
                    @GuestCount, @Budget, @Currency, @Source, @Message, @AssignedTo)
            """, Parameters(db, id, input), cancellationToken: ct));
        return id;
    }

    /// <summary>Replaces the lead's written fields if its row version is still <paramref name="version"/>.</summary>
    public static async Task<LeadWrite> UpdateAsync(TallyDb db, Guid id, string version, LeadInput input, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var parameters = Parameters(db, id, input);
        parameters.Add("version", version);
        var changed = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE leads SET first_name = @FirstName, last_name = @LastName, partner_name = @PartnerName, email = @Email,
                   phone = @Phone, event_type = @EventType, event_date = @EventDate, venue = @Venue, guest_count = @GuestCount,
                   budget = @Budget, currency = @Currency, source = @Source, message = @Message, assigned_to = @AssignedTo,
                   updated_at = now()
            WHERE studio_id = @studioId AND id = @id AND xmin = CAST(@version AS text)::xid
            """, parameters, cancellationToken: ct));
        return changed == 1 ? LeadWrite.Done : await ExistsAsync(db, id, ct) ? LeadWrite.Stale : LeadWrite.NotFound;
    }

    /// <summary>Archives (or restores) a lead; <paramref name="version"/> null skips the version check.</summary>
    public static async Task<LeadWrite> SetArchivedAsync(TallyDb db, Guid id, bool archived, string? version, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE leads SET archived_at = CASE WHEN @archived THEN coalesce(archived_at, now()) END, updated_at = now()
            WHERE studio_id = @studioId AND id = @id AND (CAST(@version AS text) IS NULL OR xmin = CAST(@version AS text)::xid)
            """, new { studioId = db.Claims.StudioId, id, archived, version }, cancellationToken: ct));
        return changed == 1 ? LeadWrite.Done : await ExistsAsync(db, id, ct) ? LeadWrite.Stale : LeadWrite.NotFound;
    }

    public static async Task<bool> ExistsAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM leads WHERE studio_id = @studioId AND id = @id)", new { studioId = db.Claims.StudioId, id }, cancellationToken: ct));
    }

    /// <summary>The active teammates of the signed-in member's studio, by name.</summary>
    public static async Task<IReadOnlyList<Teammate>> TeammatesAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return (await conn.QueryAsync<Teammate>(new CommandDefinition("""
            SELECT id, full_name AS fullname, role FROM admin_users
            WHERE studio_id = @studioId AND is_active AND role IN ('owner', 'admin', 'staff')
            ORDER BY full_name, id
            """, new { studioId = db.Claims.StudioId }, cancellationToken: ct))).AsList();
    }

    public static async Task<bool> IsTeammateAsync(TallyDb db, Guid id, CancellationToken ct) =>
        (await TeammatesAsync(db, ct)).Any(t => t.Id == id);

    private static DynamicParameters Parameters(TallyDb db, Guid id, LeadInput input)
    {
        var p = new DynamicParameters(input);
        p.Add("studioId", db.Claims.StudioId);
        p.Add("id", id);
        return p;
    }
}
