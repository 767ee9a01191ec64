using Dapper;
using Tally.Web.Infrastructure.Identity;
using Tally.Web.Infrastructure.Records;

namespace Tally.Web.Features.Sessions;

/// <summary>The SQL of sessions; row-level security keeps each statement in the caller's studio.</summary>
internal static class SessionQueries
{
    private const string From = """
         FROM sessions s
        JOIN clients c ON c.studio_id = s.studio_id AND c.id = s.client_id
        """;

    private const string Columns = """
        SELECT s.id, s.client_id AS clientid, concat_ws(' ', c.first_name, c.last_name) AS clientname, s.session_type AS sessiontype,
               s.title, s.starts_at AS startsat, s.ends_at AS endsat, s.location_name AS locationname, s.address, s.latitude, s.longitude,
               s.status, s.package_name AS packagename, s.package_price AS packageprice, s.currency::text AS currency,
               s.assigned_to AS assignedto, u.full_name AS assignedtoname, s.notes, s.created_at AS createdat, s.updated_at AS updatedat,
               s.xmin::text AS version
         FROM sessions s
        JOIN clients c ON c.studio_id = s.studio_id AND c.id = s.client_id
        LEFT JOIN admin_users u ON u.studio_id = s.studio_id AND u.id = s.assigned_to
        """;

    private const string SummaryColumns = """
        SELECT s.id, s.client_id AS clientid, concat_ws(' ', c.first_name, c.last_name) AS clientname, s.session_type AS sessiontype,
               s.title, s.starts_at AS startsat, s.ends_at AS endsat, s.location_name AS locationname, s.status,
               s.assigned_to AS assignedto, s.xmin::text AS version
        """ + From;

    /// <summary>
    /// One page: scheduled sessions by start (then id), then, when no date range is asked for, the
    /// unscheduled ones by id. Two index-served queries rather than one "NULLS LAST" order, whose
    /// keyset condition (an OR over the null) no index could bound.
    /// </summary>
    public static async Task<SessionPage> PageAsync(TallyDb db, Guid studio, SessionListQuery query, TimeZoneInfo zone, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var filters = (query.Status is null ? "" : " AND s.status = @status") + (query.ClientId is null ? "" : " AND s.client_id = @client");
        var p = new DynamicParameters();
        p.Add("studio", studio);
        p.Add("status", query.Status);
        p.Add("client", query.ClientId);
        p.Add("fromAt", query.From is { } from ? StudioTime.StartOfDay(from, zone) : null);
        p.Add("toAt", query.To is { } to ? StudioTime.StartOfDay(to.AddDays(1), zone) : null);
        p.Add("at", query.After?.At);
        p.Add("afterId", query.After?.Id);
        var wanted = query.Limit + 1;
        var rows = new List<SessionSummary>();
        if (query.After is not { At: null })
        {
            var sql = SummaryColumns + " WHERE s.studio_id = @studio AND s.starts_at IS NOT NULL" + filters
                + (query.From is null ? "" : " AND s.starts_at >= @fromAt") + (query.To is null ? "" : " AND s.starts_at < @toAt")
                + (query.After is null ? "" : " AND (s.starts_at, s.id) > (@at, @afterId)")
                + " ORDER BY s.starts_at, s.id LIMIT @limit";
            p.Add("limit", wanted);
            rows.AddRange(await conn.QueryAsync<SessionSummary>(new CommandDefinition(sql, p, cancellationToken: ct)));
        }
        if (rows.Count < wanted && !query.HasDateRange)
        {
            var sql = SummaryColumns + " WHERE s.studio_id = @studio AND s.starts_at IS NULL" + filters
                + (query.After is { At: null } ? " AND s.id > @afterId" : "")
                + " ORDER BY s.id LIMIT @limit";
            p.Add("limit", wanted - rows.Count);
            rows.AddRange(await conn.QueryAsync<SessionSummary>(new CommandDefinition(sql, p, cancellationToken: ct)));
        }
        string? next = null;
        if (rows.Count > query.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = new RecordCursor(rows[^1].StartsAt, rows[^1].Id).Encode();
        }
        return new SessionPage(rows, next);
    }

    /// <summary>The sessions that start in [from, to), by start: a week of the agenda. At most <paramref name="limit"/>.</summary>
    public static async Task<List<SessionSummary>> BetweenAsync(TallyDb db, Guid studio, DateTime from, DateTime to, int limit, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return (await conn.QueryAsync<SessionSummary>(new CommandDefinition(
            SummaryColumns + " WHERE s.studio_id = @studio AND s.starts_at >= @from AND s.starts_at < @to ORDER BY s.starts_at, s.id LIMIT @limit",
            new { studio, from, to, limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>A client's latest sessions (unscheduled first, then by start, latest first) and how many they have.</summary>
    public static async Task<(List<SessionSummary> Latest, long Total)> ForClientAsync(TallyDb db, Guid studio, Guid client, int limit, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        // Both straight from sessions_client_idx (studio_id, client_id, starts_at), read backwards for the order.
        var latest = (await conn.QueryAsync<SessionSummary>(new CommandDefinition(
            SummaryColumns + " WHERE s.studio_id = @studio AND s.client_id = @client ORDER BY s.starts_at DESC NULLS FIRST LIMIT @limit",
            new { studio, client, limit }, cancellationToken: ct))).AsList();
        var total = latest.Count < limit ? latest.Count : await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM sessions WHERE studio_id = @studio AND client_id = @client", new { studio, client }, cancellationToken: ct));
        return (latest, total);
    }

    public static async Task<Session?> FindAsync(TallyDb db, Guid studio, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Session>(new CommandDefinition(
            Columns + " WHERE s.studio_id = @studio AND s.id = @id", new { studio, id }, cancellationToken: ct));
    }

    /// <summary>
    /// The sessions that hold the same photographer (or, for an unassigned session, the studio's
    /// unassigned calendar) at an overlapping time, not cancelled. Takes a transaction-level lock on
    /// that calendar first, so two bookings for one slot are checked one after the other: the second
    /// sees the first (decision 0012).
    /// </summary>
    public static async Task<List<SessionConflict>> ConflictsAsync(TallyDb db, Guid studio, SessionValues v, Guid? except, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('sessions:' || @studio::text || ':' || coalesce(@assigned::text, '-'), 0))",
            new { studio, assigned = v.AssignedTo }, cancellationToken: ct));
        return (await conn.QueryAsync<SessionConflict>(new CommandDefinition("""
            SELECT id, title, starts_at AS startsat, ends_at AS endsat, status FROM sessions
            WHERE studio_id = @studio AND starts_at IS NOT NULL AND status <> 'cancelled'
              AND tstzrange(starts_at, ends_at, '[)') && tstzrange(@starts, @ends, '[)')
              AND assigned_to IS NOT DISTINCT FROM @assigned AND id IS DISTINCT FROM @except
            ORDER BY starts_at, id LIMIT 10
            """, new { studio, starts = v.StartsAt, ends = v.EndsAt, assigned = v.AssignedTo, except }, cancellationToken: ct))).AsList();
    }

    /// <summary>Whether the id is an active team member of the studio (who can be assigned a session).</summary>
    public static async Task<bool> IsActiveMemberAsync(TallyDb db, Guid studio, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM admin_users WHERE studio_id = @studio AND id = @id AND is_active)", new { studio, id }, cancellationToken: ct));
    }

    /// <summary>The studio's active team members, by name: who a session can be assigned to.</summary>
    public static async Task<List<(Guid Id, string Name)>> MembersAsync(TallyDb db, Guid studio, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return (await conn.QueryAsync<(Guid, string)>(new CommandDefinition(
            "SELECT id, full_name FROM admin_users WHERE studio_id = @studio AND is_active ORDER BY full_name, id", new { studio }, cancellationToken: ct))).AsList();
    }

    public static async Task<Guid> CreateAsync(TallyDb db, Guid studio, SessionValues v, string title, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sessions (studio_id, id, client_id, session_type, title, starts_at, ends_at, location_name, address, latitude, longitude,
                                  status, package_name, package_price, currency, assigned_to, notes)
            VALUES (@studio, @id, @ClientId, @SessionType, @title, @StartsAt, @EndsAt, @LocationName, @Address, @Latitude, @Longitude,
                    @Status, @PackageName, @PackagePrice,
                    CASE WHEN @PackagePrice::numeric IS NULL THEN @Currency
                         ELSE coalesce(@Currency, (SELECT default_currency::text FROM studios WHERE id = @studio)) END,
                    @AssignedTo, @Notes)
            """, Parameters(studio, id, v, title), cancellationToken: ct));
        return id;
    }

    /// <summary>True when updated; false when there is no such session or its version is not one asked for.</summary>
    public static async Task<bool> UpdateAsync(TallyDb db, Guid studio, Guid id, RecordVersion.Precondition versions, SessionValues v, string title, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var p = new DynamicParameters(Parameters(studio, id, v, title));
        p.Add("any", versions.Any);
        p.Add("versions", versions.Versions.ToArray());
        return await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE sessions SET client_id = @ClientId, session_type = @SessionType, title = @title, starts_at = @StartsAt, ends_at = @EndsAt,
                   location_name = @LocationName, address = @Address, latitude = @Latitude, longitude = @Longitude, status = @Status,
                   package_name = @PackageName, package_price = @PackagePrice,
                   currency = CASE WHEN @PackagePrice::numeric IS NULL THEN @Currency
                                   ELSE coalesce(@Currency, (SELECT default_currency::text FROM studios WHERE id = @studio)) END,
                   assigned_to = @AssignedTo, notes = @Notes, updated_at = now()
            WHERE studio_id = @studio AND id = @id AND (@any OR xmin::text = ANY(@versions))
            """, p, cancellationToken: ct)) == 1;
    }

    public static async Task<bool> CancelAsync(TallyDb db, Guid studio, Guid id, RecordVersion.Precondition versions, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET status = 'cancelled', updated_at = now() WHERE studio_id = @studio AND id = @id AND (@any OR xmin::text = ANY(@versions))",
            new { studio, id, any = versions.Missing || versions.Any, versions = versions.Versions.ToArray() }, cancellationToken: ct)) == 1;
    }

    private static object Parameters(Guid studio, Guid id, SessionValues v, string title) => new
    {
        studio,
        id,
        title,
        v.ClientId,
        v.SessionType,
        v.StartsAt,
        v.EndsAt,
        v.LocationName,
        v.Address,
        v.Latitude,
        v.Longitude,
        v.Status,
        v.PackageName,
        v.PackagePrice,
        v.Currency,
        v.AssignedTo,
        v.Notes,
    };
}
