using Dapper;
using Npgsql;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Leads;

internal static class LeadQueries
{
    private const string Columns = """
        SELECT id, first_name AS firstname, last_name AS lastname, email, phone,
               event_type AS eventtype, event_date AS eventdate, budget, currency, source, status,
               created_at AS createdat
        FROM leads
        """;

    // id breaks ties between leads created in the same microsecond, so pages never overlap.
    private const string Order = " ORDER BY created_at DESC, id DESC OFFSET @offset LIMIT @limit";

    private const string AllSql = Columns + " WHERE studio_id = @studioId" + Order;
    private const string ByStatusSql = Columns + " WHERE studio_id = @studioId AND status = @status" + Order;

    /// <summary>
    /// One page of the studio's leads, newest first. Reads one row past the page to learn whether a
    /// next page exists: a count(*) over a studio of 200k leads would cost more than the page itself.
    /// </summary>
    public static async Task<LeadPage> PageAsync(TallyDb db, Studio studio, LeadListQuery query, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = (await conn.QueryAsync<LeadSummary>(new CommandDefinition(
            query.Status is null ? AllSql : ByStatusSql,
            new { studioId = studio.Id, status = query.Status, offset = query.Offset, limit = query.PageSize + 1 },
            cancellationToken: ct))).AsList();
        var hasNext = rows.Count > query.PageSize;
        if (hasNext)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        return new LeadPage(studio, query.Page, query.PageSize, query.Status, hasNext, rows);
    }
}
