using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Tally.Tests.Analytics;

/// <summary>
/// The rollups computed again, directly and independently: raw base rows read into memory and
/// aggregated in C# with .NET's own time-zone rules. A test compares them with the rollup tables,
/// rendered the same way (one line per row, money sorted by currency).
/// </summary>
internal static class AnalyticsOracle
{
    private sealed record LeadRow(Guid StudioId, Guid Id, DateTime CreatedAt, string Source, string Status, string WorkflowStage, Guid? ConvertedClientId);
    private sealed record PaymentRow(Guid StudioId, Guid ClientId, decimal Amount, string Currency, string Status, DateOnly? DueDate, DateTime? PaidAt, DateTime? RefundedAt, DateTime CreatedAt, string? SessionType);
    private sealed record SessionRow(Guid StudioId, Guid ClientId, DateTime? StartsAt, string Status);
    private sealed record ClientRow(Guid StudioId, Guid Id, DateTime CreatedAt);
    private sealed record StudioRow(Guid Id, string Timezone, int Dormant, int Churned);

    private static readonly string[] BookedSessions = ["booked", "completed", "delivered"];

    public static async Task<(List<string> Daily, List<string> Sources, List<string> Clients)> ComputeAsync(NpgsqlConnection conn, IReadOnlyCollection<Guid> studios)
    {
        var ids = studios.ToArray();
        var studioRows = (await conn.QueryAsync<StudioRow>(
            "SELECT id, timezone, client_dormant_after_days AS dormant, client_churned_after_days AS churned FROM studios WHERE id = ANY (@ids)", new { ids })).ToDictionary(s => s.Id);
        var leads = (await conn.QueryAsync<LeadRow>(
            "SELECT studio_id AS studioid, id, created_at AS createdat, source, status, workflow_stage AS workflowstage, converted_client_id AS convertedclientid FROM leads WHERE studio_id = ANY (@ids)", new { ids })).ToList();
        var payments = (await conn.QueryAsync<PaymentRow>("""
            SELECT p.studio_id AS studioid, p.client_id AS clientid, p.amount, p.currency, p.status, p.due_date AS duedate, p.paid_at AS paidat, p.refunded_at AS refundedat, p.created_at AS createdat, se.session_type AS sessiontype
            FROM payments p
            LEFT JOIN contracts c ON c.studio_id = p.studio_id AND c.id = p.contract_id
            LEFT JOIN quotes q ON q.studio_id = p.studio_id AND q.id = coalesce(p.quote_id, c.quote_id)
            LEFT JOIN sessions se ON se.studio_id = p.studio_id AND se.id = coalesce(c.session_id, q.session_id)
            WHERE p.studio_id = ANY (@ids)
            """, new { ids })).ToList();
        var sessions = (await conn.QueryAsync<SessionRow>("SELECT studio_id AS studioid, client_id AS clientid, starts_at AS startsat, status FROM sessions WHERE studio_id = ANY (@ids)", new { ids })).ToList();
        var views = (await conn.QueryAsync<(Guid StudioId, DateTime At)>(
            "SELECT studio_id, accessed_at FROM gallery_access_log WHERE studio_id = ANY (@ids) AND action = 'view'", new { ids })).ToList();
        var clients = (await conn.QueryAsync<ClientRow>("SELECT studio_id AS studioid, id, created_at AS createdat FROM clients WHERE studio_id = ANY (@ids)", new { ids })).ToList();

        DateOnly Local(Guid studio, DateTime utc) =>
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(studioRows[studio].Timezone)));
        static bool Converted(LeadRow l) => l.ConvertedClientId is not null || l.Status == "won" || l.WorkflowStage is "booked" or "completed";

        // Daily business metrics.
        var daily = new List<string>();
        foreach (var studio in ids)
        {
            var collected = new List<(DateOnly Day, string Currency, decimal Amount, string Type)>();
            var pending = new List<(DateOnly Day, string Currency, decimal Amount)>();
            foreach (var p in payments.Where(p => p.StudioId == studio))
            {
                if (p.Status is "paid" or "refunded")
                {
                    collected.Add((Local(studio, p.PaidAt!.Value), p.Currency, p.Amount, p.SessionType ?? "none"));
                }
                if (p.Status == "refunded")
                {
                    collected.Add((Local(studio, p.RefundedAt!.Value), p.Currency, -p.Amount, p.SessionType ?? "none"));
                }
                if (p.Status is "pending" or "due")
                {
                    pending.Add((p.DueDate is { } due ? due : Local(studio, p.CreatedAt), p.Currency, p.Amount));
                }
            }
            var studioLeads = leads.Where(l => l.StudioId == studio).Select(l => (Day: Local(studio, l.CreatedAt), Lead: l)).ToList();
            var days = studioLeads.Select(l => l.Day)
                .Concat(collected.Select(c => c.Day)).Concat(pending.Select(p => p.Day))
                .Concat(sessions.Where(s => s.StudioId == studio && s.StartsAt is not null && BookedSessions.Contains(s.Status)).Select(s => Local(studio, s.StartsAt!.Value)))
                .Concat(views.Where(v => v.StudioId == studio).Select(v => Local(studio, v.At)))
                .Distinct().Order();
            foreach (var day in days)
            {
                var newLeads = studioLeads.Count(l => l.Day == day);
                var converted = studioLeads.Count(l => l.Day == day && Converted(l.Lead));
                var stages = string.Join(",", studioLeads.Where(l => l.Day == day).GroupBy(l => Stage(l.Lead)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}"));
                var money = Money(collected.Where(c => c.Day == day).Select(c => (c.Currency, c.Amount)));
                var due = Money(pending.Where(c => c.Day == day).Select(c => (c.Currency, c.Amount)));
                var byType = string.Join(";", collected.Where(c => c.Day == day).GroupBy(c => c.Type).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (g.Key, Money(g.Select(c => (c.Currency, c.Amount))))).Where(t => t.Item2.Length > 0).Select(t => $"{t.Key}={t.Item2}"));
                var sessionCount = sessions.Count(s => s.StudioId == studio && s.StartsAt is not null && BookedSessions.Contains(s.Status) && Local(studio, s.StartsAt.Value) == day);
                var viewCount = views.Count(v => v.StudioId == studio && Local(studio, v.At) == day);
                if (newLeads == 0 && converted == 0 && money.Length == 0 && due.Length == 0 && sessionCount == 0 && viewCount == 0)
                {
                    continue;
                }
                var total = studioLeads.Count(l => l.Day <= day);
                daily.Add(Invariant($"{studio} {day:yyyy-MM-dd} total={total} new={newLeads} converted={converted} stages={stages} collected={money} pending={due} types={byType} sessions={sessionCount} views={viewCount}"));
            }
        }

        // Lead source analytics, per local month.
        var sources = new List<string>();
        foreach (var studio in ids)
        {
            var studioLeads = leads.Where(l => l.StudioId == studio).ToList();
            var credited = studioLeads.Where(l => l.ConvertedClientId is not null).GroupBy(l => l.ConvertedClientId!.Value)
                .ToDictionary(g => g.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).First().Id, g => g.Key);
            foreach (var g in studioLeads.GroupBy(l => (Month: Local(studio, l.CreatedAt) is var d ? new DateOnly(d.Year, d.Month, 1) : default, l.Source))
                         .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.Source, StringComparer.Ordinal))
            {
                var count = g.Count();
                var conversions = g.Count(Converted);
                var revenue = g.Where(l => credited.ContainsKey(l.Id))
                    .SelectMany(l => payments.Where(p => p.StudioId == studio && p.ClientId == credited[l.Id] && p.Status == "paid"))
                    .Select(p => (p.Currency, p.Amount)).ToList();
                var avg = conversions == 0 ? "" : string.Join(",", revenue.GroupBy(r => r.Currency).OrderBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => (r.Key, r.Sum(x => x.Amount))).Where(r => r.Item2 != 0).Select(r => Invariant($"{r.Key}:{Math.Round(r.Item2 / conversions, 2, MidpointRounding.AwayFromZero):0.00}")));
                sources.Add(Invariant($"{studio} {g.Key.Month:yyyy-MM-dd} {g.Key.Source} leads={count} conversions={conversions} revenue={Money(revenue)} avg={avg} rate={Math.Round(100m * conversions / count, 2, MidpointRounding.AwayFromZero):0.00}"));
            }
        }

        // Client lifecycle.
        var lifecycle = new List<string>();
        foreach (var client in clients.OrderBy(c => c.StudioId).ThenBy(c => c.Id))
        {
            var studio = studioRows[client.StudioId];
            var today = Local(client.StudioId, DateTime.UtcNow);
            var firstLead = leads.Where(l => l.ConvertedClientId == client.Id).Select(l => Local(client.StudioId, l.CreatedAt)).DefaultIfEmpty(DateOnly.MaxValue).Min();
            var firstContact = new[] { Local(client.StudioId, client.CreatedAt), firstLead }.Min();
            var held = sessions.Where(s => s.ClientId == client.Id && s.StartsAt is not null && BookedSessions.Contains(s.Status)).Select(s => Local(client.StudioId, s.StartsAt!.Value)).ToList();
            var paid = payments.Where(p => p.ClientId == client.Id && p.Status == "paid").ToList();
            var spent = Money(paid.Select(p => (p.Currency, p.Amount)));
            var avg = held.Count == 0 ? "" : string.Join(",", paid.GroupBy(p => p.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Sum(p => p.Amount))).Where(g => g.Item2 != 0).Select(g => Invariant($"{g.Key}:{Math.Round(g.Item2 / held.Count, 2, MidpointRounding.AwayFromZero):0.00}")));
            var last = new[] { firstContact, held.Count > 0 ? held.Max() : DateOnly.MinValue, paid.Count > 0 ? paid.Max(p => Local(client.StudioId, p.PaidAt!.Value)) : DateOnly.MinValue }.Max();
            var idle = today.DayNumber - last.DayNumber;
            var status = idle < studio.Dormant ? "active" : idle < studio.Churned ? "dormant" : "churned";
            lifecycle.Add(Invariant($"{client.StudioId} {client.Id} first={firstContact:yyyy-MM-dd} sessions={held.Count} firstSession={(held.Count > 0 ? held.Min().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-")} lastSession={(held.Count > 0 ? held.Max().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-")} spent={spent} avg={avg} lifetime={last.DayNumber - firstContact.DayNumber} last={last:yyyy-MM-dd} status={status}"));
        }
        return (daily, sources, lifecycle);
    }

    /// <summary>The rollup tables, rendered like <see cref="ComputeAsync"/>.</summary>
    public static async Task<(List<string> Daily, List<string> Sources, List<string> Clients)> ReadRollupsAsync(NpgsqlConnection conn, IReadOnlyCollection<Guid> studios)
    {
        var ids = studios.ToArray();
        var daily = (await conn.QueryAsync<(Guid Studio, DateOnly Day, int Total, int New, int Converted, string Stages, string Collected, string Pending, string Types, int Sessions, int Views)>("""
            SELECT studio_id, metric_date, total_leads, new_leads, converted_leads, leads_by_stage::text, total_revenue::text, pending_revenue::text, revenue_by_session_type::text, session_count, gallery_views
            FROM analytics.daily_business_metrics WHERE studio_id = ANY (@ids) ORDER BY array_position(@ids, studio_id), metric_date
            """, new { ids })).Select(r =>
            {
                var types = JsonDocument.Parse(r.Types).RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
                    .Select(p => $"{p.Name}={Json(p.Value.GetRawText())}");
                return Invariant($"{r.Studio} {r.Day:yyyy-MM-dd} total={r.Total} new={r.New} converted={r.Converted} stages={Counts(r.Stages)} collected={Json(r.Collected)} pending={Json(r.Pending)} types={string.Join(";", types)} sessions={r.Sessions} views={r.Views}");
            }).ToList();
        var sources = (await conn.QueryAsync<(Guid Studio, DateOnly Month, string Source, int Leads, int Conversions, string Revenue, string Avg, decimal Rate)>("""
            SELECT studio_id, period_start, source, lead_count, conversion_count, total_revenue::text, avg_deal_size::text, conversion_rate
            FROM analytics.lead_source_analytics WHERE studio_id = ANY (@ids) ORDER BY array_position(@ids, studio_id), period_start, source COLLATE "C"
            """, new { ids })).Select(r =>
                Invariant($"{r.Studio} {r.Month:yyyy-MM-dd} {r.Source} leads={r.Leads} conversions={r.Conversions} revenue={Json(r.Revenue)} avg={Json(r.Avg)} rate={r.Rate:0.00}")).ToList();
        var clients = (await conn.QueryAsync<(Guid Studio, Guid Client, DateOnly First, int Sessions, DateOnly? FirstSession, DateOnly? LastSession, string Spent, string Avg, int Lifetime, DateOnly Last, string Status)>("""
            SELECT studio_id, client_id, first_contact_date, total_sessions, first_session_date, last_session_date, total_spent::text, avg_session_value::text,
                   client_lifetime_days, last_activity_date, status
            FROM analytics.client_lifecycle_metrics WHERE studio_id = ANY (@ids)
            """, new { ids })).OrderBy(r => r.Studio).ThenBy(r => r.Client).Select(r =>
                Invariant($"{r.Studio} {r.Client} first={r.First:yyyy-MM-dd} sessions={r.Sessions} firstSession={r.FirstSession?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"} lastSession={r.LastSession?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"} spent={Json(r.Spent)} avg={Json(r.Avg)} lifetime={r.Lifetime} last={r.Last:yyyy-MM-dd} status={r.Status}")).ToList();
        return (daily, sources, clients);
    }

    private static string Counts(string json) =>
        string.Join(",", JsonDocument.Parse(json).RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}:{p.Value.GetInt32()}"));

    private static string Stage(LeadRow l) => l.WorkflowStage != "inquiry" ? l.WorkflowStage : l.Status switch
    {
        "contacted" => "contacted",
        "qualified" => "consultation",
        "proposal_sent" => "proposal_sent",
        "won" => "booked",
        "lost" => "lost",
        "archived" => "archived",
        _ => "inquiry",
    };

    private static string Money(IEnumerable<(string Currency, decimal Amount)> rows) =>
        string.Join(",", rows.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(r => r.Amount))).Where(g => g.Item2 != 0).Select(g => Invariant($"{g.Key}:{g.Item2:0.00}")));

    private static string Json(string json) =>
        Money(JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetDecimal())));

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
