using System.Text;
using Dapper;

namespace Tally.Web.Features.Leads;

/// <summary>
/// The SQL of a leads list: the filters, then the keyset condition and order of the sort. Each sort
/// ends with id, so the order is total and a page continues exactly after the last row shown (no
/// OFFSET: a deep page reads one page of index entries, not every row before it).
/// </summary>
internal static class LeadListSql
{
    public const string Columns = """
        SELECT l.id, l.first_name AS firstname, l.last_name AS lastname, l.email::text AS email, l.phone,
               l.event_type AS eventtype, l.event_date AS eventdate, l.budget, l.currency, l.source, l.status,
               l.workflow_stage AS workflowstage, l.assigned_to AS assignedto, u.full_name AS assignedtoname,
               l.archived_at AS archivedat, l.created_at AS createdat
        FROM leads l
        LEFT JOIN admin_users u ON u.studio_id = l.studio_id AND u.id = l.assigned_to
        """;

    /// <summary>The statement and its parameters; <paramref name="limit"/> null reads every row (the export).</summary>
    public static (string Sql, DynamicParameters Parameters) Build(Guid studioId, LeadListQuery q, int? limit)
    {
        var sql = new StringBuilder(Columns).Append(" WHERE l.studio_id = @studioId");
        var p = new DynamicParameters();
        p.Add("studioId", studioId);
        sql.Append(q.Archived ? " AND l.archived_at IS NOT NULL" : " AND l.archived_at IS NULL");
        if (q.Status is not null)
        {
            sql.Append(" AND l.status = @status");
            p.Add("status", q.Status);
        }
        if (q.Source is not null)
        {
            sql.Append(" AND l.source = @source");
            p.Add("source", q.Source);
        }
        if (q.From is { } from)
        {
            sql.Append(" AND l.event_date >= @from");
            p.Add("from", from);
        }
        if (q.To is { } to)
        {
            sql.Append(" AND l.event_date <= @to");
            p.Add("to", to);
        }
        if (q.OnlyUnassigned)
        {
            sql.Append(" AND l.assigned_to IS NULL");
        }
        else if (q.AssignedTo is { } member)
        {
            sql.Append(" AND l.assigned_to = @assignedTo");
            p.Add("assignedTo", member);
        }
        if (q.After is { } after)
        {
            p.Add("afterId", after.Id);
            switch (q.Sort)
            {
                case "oldest":
                    sql.Append(" AND (l.created_at, l.id) > (@afterCreated, @afterId)");
                    p.Add("afterCreated", after.CreatedAt);
                    break;
                case "event":
                    sql.Append(" AND (coalesce(l.event_date, 'infinity'::date), l.id) > (CAST(@afterDate AS date), @afterId)");
                    p.Add("afterDate", after.Key[0]);
                    break;
                case "name":
                    sql.Append(" AND (coalesce(l.last_name, ''), l.first_name, l.id) > (@afterLast, @afterFirst, @afterId)");
                    p.Add("afterLast", after.Key[0]);
                    p.Add("afterFirst", after.Key[1]);
                    break;
                default:
                    sql.Append(" AND (l.created_at, l.id) < (@afterCreated, @afterId)");
                    p.Add("afterCreated", after.CreatedAt);
                    break;
            }
        }
        sql.Append(q.Sort switch
        {
            "oldest" => " ORDER BY l.created_at, l.id",
            "event" => " ORDER BY coalesce(l.event_date, 'infinity'::date), l.id",
            "name" => " ORDER BY coalesce(l.last_name, ''), l.first_name, l.id",
            _ => " ORDER BY l.created_at DESC, l.id DESC",
        });
        if (limit is { } n)
        {
            sql.Append(" LIMIT @limit");
            p.Add("limit", n);
        }
        return (sql.ToString(), p);
    }
}
