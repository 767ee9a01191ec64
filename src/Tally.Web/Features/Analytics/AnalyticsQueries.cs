using System.Globalization;
using System.Text.Json;
using Dapper;
using Tally.Web.Infrastructure;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Analytics;

/// <summary>
/// The dashboard's and reports' figures, read from the rollups (schema analytics, docs/analytics.md)
/// through the request's transaction, so row-level security decides: a member without
/// can_view_analytics reads no rollup row at all. Money is aggregated per currency here, in C#:
/// at most a few hundred daily rows per request.
/// </summary>
internal static class AnalyticsQueries
{
    public const string Permission = "can_view_analytics";

    /// <summary>The pipeline stages in order; lost and archived leads count only as received.</summary>
    public static readonly string[] PipelineStages = ["inquiry", "contacted", "consultation", "proposal_sent", "booked", "completed"];

    private sealed record DailyRow(DateOnly Day, int NewLeads, int Converted, string Stages, string Collected, string Pending, string ByType, int Sessions, int Views);

    public static bool CanView(RequestClaims claims) => claims.IsTeam && claims.Can(Permission);

    /// <summary>The studio's own today (its time zone) and thresholds, or null for no studio.</summary>
    public static async Task<(DateOnly Today, int DormantAfterDays, int ChurnedAfterDays)?> StudioTodayAsync(TallyDb db, CancellationToken ct)
    {
        if (db.Claims.StudioId is not { } studio)
        {
            return null;
        }
        var conn = await db.ConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(DateTime Today, int Dormant, int Churned)?>(new CommandDefinition(
            "SELECT (now() AT TIME ZONE timezone)::date::timestamp, client_dormant_after_days, client_churned_after_days FROM studios WHERE id = @studio",
            new { studio }, cancellationToken: ct));
        return row is { } r ? (DateOnly.FromDateTime(r.Today), r.Dormant, r.Churned) : null;
    }

    private const string DailySql = """
        SELECT metric_date AS day, new_leads AS newleads, converted_leads AS converted, leads_by_stage::text AS stages,
               total_revenue::text AS collected, pending_revenue::text AS pending, revenue_by_session_type::text AS bytype,
               session_count AS sessions, gallery_views AS views
        FROM analytics.daily_business_metrics
        WHERE studio_id = @studio AND metric_date BETWEEN @from AND @to
        ORDER BY metric_date
        """;

    /// <summary>Everything unpaid that has fallen due by today, whenever it fell due (analytics.outstanding, docs/analytics.md).</summary>
    private const string OutstandingSql = "SELECT currency, amount FROM analytics.outstanding(@studio, @today)";

    private const string SourcesSql = """
        SELECT source, lead_count AS leads, conversion_count AS conversions, total_revenue::text AS revenue
        FROM analytics.lead_source_analytics
        WHERE studio_id = @studio AND period_start BETWEEN @monthFrom AND @to
        """;

    private const string InquiriesSql = """
        SELECT count(*)::int FROM leads
        WHERE studio_id = @studio
          AND created_at >= (@fromStart::timestamp AT TIME ZONE (SELECT timezone FROM studios WHERE id = @studio))
          AND created_at < (@toEnd::timestamp AT TIME ZONE (SELECT timezone FROM studios WHERE id = @studio))
        """;

    private const string UpcomingSql = """
        SELECT s.id, s.title, s.session_type AS type, s.starts_at AS startsat, c.first_name AS first, c.last_name AS last
        FROM sessions s JOIN clients c ON c.studio_id = s.studio_id AND c.id = s.client_id
        WHERE s.studio_id = @studio AND s.status = 'booked' AND s.starts_at >= now() AND s.starts_at < now() + interval '7 days'
        ORDER BY s.starts_at, s.id
        LIMIT 20
        """;

    private const string OverdueSql = """
        SELECT t.id, t.title, t.due_date AS duedate, t.session_id AS sessionid, s.title AS sessiontitle
        FROM session_timelines t JOIN sessions s ON s.studio_id = t.studio_id AND s.id = t.session_id
        WHERE t.studio_id = @studio AND t.completed_at IS NULL AND t.due_date < @today
        ORDER BY t.due_date DESC, t.id
        LIMIT 20
        """;

    // Counted up to a cap: a long-neglected studio's backlog should not slow its landing page.
    private const int OverdueCap = 1000;

    private const string OverdueCountSql = """
        SELECT count(*)::int FROM (SELECT 1 FROM session_timelines t
                                   WHERE t.studio_id = @studio AND t.completed_at IS NULL AND t.due_date < @today LIMIT @cap) x
        """;

    // Plan choices inside the dashboard's batch (docs/analytics.md, "Benchmark"). The app plans every
    // execution for its values (ADR 0019); for most of the dashboard's lookups of one studio's rows by
    // its own index that planning costs more than the query, and the generic plan is the same plan
    // whatever the studio's size. Measured per statement with pgbench on the largest studio (custom /
    // generic, ms): outstanding 0.89 / 0.44, sources 0.32 / 0.20, overdue steps 0.95 / 0.28, their
    // count 0.68 / 0.31. Two keep custom plans, their generic plans being slower on the largest
    // studio: the upcoming sessions (0.64 / 1.73) and the period's daily rows (0.53 / 0.89 in the
    // app's log). PlanChoice says how the batch switches between them.

    private sealed record SourceRow(string Source, int Leads, int Conversions, string Revenue);

    private sealed record UpcomingRow(Guid Id, string Title, string Type, DateTime StartsAt, string First, string? Last);

    private static async Task<List<DailyRow>> DailyAsync(TallyDb db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return (await conn.QueryAsync<DailyRow>(new CommandDefinition(DailySql, new { studio = db.Claims.StudioId, from, to }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// The whole dashboard in one round trip: the rollups of the period and the one before, the
    /// outstanding total, the lead sources and the operations lists, as one batch of statements.
    /// </summary>
    public static async Task<DashboardFigures> DashboardAsync(TallyDb db, AnalyticsPeriod period, DateOnly today, CancellationToken ct)
    {
        var previous = period.Previous;
        var conn = await db.ConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(
            string.Join(";\n", DailySql, PlanChoice.Generic, OutstandingSql, SourcesSql, PlanChoice.Custom, UpcomingSql, PlanChoice.Generic, OverdueSql, OverdueCountSql, PlanChoice.Custom),
            new { studio = db.Claims.StudioId, from = previous.From, to = period.To, today, monthFrom = MonthStart(period.From), cap = OverdueCap },
            cancellationToken: ct));
        var rows = (await grid.ReadAsync<DailyRow>()).ToList();
        var outstanding = ToMoney(await grid.ReadAsync<(string Currency, decimal Amount)>());
        var sources = Sources(await grid.ReadAsync<SourceRow>());
        var current = rows.Where(r => r.Day >= period.From).ToList();
        var before = rows.Where(r => r.Day < period.From).ToList();
        var kpis = new Kpis(
            current.Sum(r => r.NewLeads), before.Sum(r => r.NewLeads),
            current.Sum(r => r.Converted), before.Sum(r => r.Converted),
            current.Sum(r => r.Sessions), before.Sum(r => r.Sessions),
            current.Sum(r => r.Views), before.Sum(r => r.Views),
            Sum(current.Select(r => r.Collected)), Sum(before.Select(r => r.Collected)),
            outstanding);
        // A member who sees the figures reads the period's inquiries from the rollups (the same count
        // the tile shows), not by counting the leads again.
        var operations = await ReadOperationsAsync(grid, kpis.Inquiries);
        return new DashboardFigures(period, kpis, Inquiries(current, period), RevenueByMonth(current, period, today), Funnel(current), sources, operations);
    }

    public static async Task<(List<MonthRevenue> ByMonth, List<TypeRevenue> BySessionType)> RevenueAsync(TallyDb db, AnalyticsPeriod period, DateOnly today, CancellationToken ct)
    {
        var rows = await DailyAsync(db, period.From, period.To, ct);
        var byType = new SortedDictionary<string, Money>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var type in JsonDocument.Parse(row.ByType).RootElement.EnumerateObject())
            {
                if (!byType.TryGetValue(type.Name, out var money))
                {
                    byType[type.Name] = money = new Money();
                }
                money.Add(Parse(type.Value));
            }
        }
        return (RevenueByMonth(rows, period, today), byType.Where(t => t.Value.Count > 0).Select(t => new TypeRevenue(t.Key, t.Value)).ToList());
    }

    public static async Task<List<StageConversion>> ConversionAsync(TallyDb db, AnalyticsPeriod period, CancellationToken ct) =>
        Funnel(await DailyAsync(db, period.From, period.To, ct));

    /// <summary>Lead sources over the calendar months the period touches (the rollup is monthly).</summary>
    public static async Task<List<SourcePerformance>> SourcesAsync(TallyDb db, AnalyticsPeriod period, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return Sources(await conn.QueryAsync<SourceRow>(new CommandDefinition(SourcesSql,
            new { studio = db.Claims.StudioId, monthFrom = MonthStart(period.From), to = period.To }, cancellationToken: ct)));
    }

    private static List<SourcePerformance> Sources(IEnumerable<SourceRow> rows) =>
        rows.GroupBy(r => r.Source, StringComparer.Ordinal).Select(g =>
        {
            var leads = g.Sum(r => r.Leads);
            var conversions = g.Sum(r => r.Conversions);
            var revenue = Sum(g.Select(r => r.Revenue));
            var average = new Money();
            if (conversions > 0)
            {
                foreach (var (currency, amount) in revenue)
                {
                    average[currency] = Math.Round(amount / conversions, 2, MidpointRounding.AwayFromZero);
                }
            }
            return new SourcePerformance(g.Key, leads, conversions, leads == 0 ? 0 : Math.Round(100m * conversions / leads, 2, MidpointRounding.AwayFromZero), revenue, average);
        }).OrderByDescending(s => s.Leads).ThenBy(s => s.Source, StringComparer.Ordinal).ToList();

    private static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    private static Money ToMoney(IEnumerable<(string Currency, decimal Amount)> rows)
    {
        var money = new Money();
        foreach (var (currency, amount) in rows.Where(r => r.Amount != 0))
        {
            money[currency] = amount;
        }
        return money;
    }

    public static async Task<LifecycleReport> LifecycleAsync(TallyDb db, string status, int limit, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var studio = db.Claims.StudioId;
        var counts = (await conn.QueryAsync<(string Status, int Count)>(new CommandDefinition(
            "SELECT status, count(*)::int FROM analytics.client_lifecycle_metrics WHERE studio_id = @studio GROUP BY status",
            new { studio }, cancellationToken: ct))).ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
        var thresholds = await conn.QuerySingleAsync<(int Dormant, int Churned)>(new CommandDefinition(
            "SELECT client_dormant_after_days, client_churned_after_days FROM studios WHERE id = @studio", new { studio }, cancellationToken: ct));
        var clients = (await conn.QueryAsync<(Guid Id, string First, string? Last, DateOnly FirstContact, DateOnly? LastSession, DateOnly LastActivity, int Sessions, string Spent, string Average, int Lifetime)>(new CommandDefinition("""
            SELECT m.client_id, c.first_name, c.last_name, m.first_contact_date, m.last_session_date, m.last_activity_date, m.total_sessions,
                   m.total_spent::text, m.avg_session_value::text, m.client_lifetime_days
            FROM analytics.client_lifecycle_metrics m
            JOIN clients c ON c.studio_id = m.studio_id AND c.id = m.client_id
            WHERE m.studio_id = @studio AND m.status = @status
            ORDER BY m.last_activity_date DESC, m.client_id
            LIMIT @limit
            """, new { studio, status, limit }, cancellationToken: ct)))
            .Select(r => new LifecycleClient(r.Id, (r.First + " " + r.Last).Trim(), status, r.FirstContact, r.LastSession, r.LastActivity, r.Sessions,
                Parse(r.Spent), Parse(r.Average), r.Lifetime))
            .ToList();
        return new LifecycleReport(counts.GetValueOrDefault("active"), counts.GetValueOrDefault("dormant"), counts.GetValueOrDefault("churned"),
            thresholds.Dormant, thresholds.Churned, status, clients);
    }

    /// <summary>The operations view: live from the base tables, through the member's own row-level security, in one round trip.</summary>
    public static async Task<OperationsFigures> OperationsAsync(TallyDb db, AnalyticsPeriod period, DateOnly today, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(
            string.Join(";\n", InquiriesSql, UpcomingSql, OverdueSql, OverdueCountSql),
            new
            {
                studio = db.Claims.StudioId,
                today,
                cap = OverdueCap,
                fromStart = period.From.ToDateTime(TimeOnly.MinValue),
                toEnd = period.To.AddDays(1).ToDateTime(TimeOnly.MinValue),
            },
            cancellationToken: ct));
        return await ReadOperationsAsync(grid, await grid.ReadSingleAsync<int>());
    }

    private static async Task<OperationsFigures> ReadOperationsAsync(SqlMapper.GridReader grid, int inquiries)
    {
        var upcoming = (await grid.ReadAsync<UpcomingRow>())
            .Select(r => new UpcomingSession(r.Id, r.Title, r.Type, new DateTimeOffset(DateTime.SpecifyKind(r.StartsAt, DateTimeKind.Utc)), (r.First + " " + r.Last).Trim())).ToList();
        var overdue = (await grid.ReadAsync<OverdueStep>()).ToList();
        var overdueCount = await grid.ReadSingleAsync<int>();
        return new OperationsFigures(inquiries, upcoming, overdue, overdueCount, overdueCount >= OverdueCap);
    }

    private static List<InquiryPoint> Inquiries(List<DailyRow> rows, AnalyticsPeriod period)
    {
        // Days for up to three months, months beyond: a chart of readable length.
        if (period.Days <= 92)
        {
            var byDay = rows.ToDictionary(r => r.Day);
            return Enumerable.Range(0, period.Days).Select(i => period.From.AddDays(i))
                .Select(d => byDay.TryGetValue(d, out var r) ? new InquiryPoint(Day(d), r.NewLeads, r.Converted) : new InquiryPoint(Day(d), 0, 0)).ToList();
        }
        return Months(period).Select(m =>
        {
            var inMonth = rows.Where(r => r.Day.Year == m.Year && r.Day.Month == m.Month).ToList();
            return new InquiryPoint(Month(m), inMonth.Sum(r => r.NewLeads), inMonth.Sum(r => r.Converted));
        }).ToList();
    }

    private static List<MonthRevenue> RevenueByMonth(List<DailyRow> rows, AnalyticsPeriod period, DateOnly today) =>
        Months(period).Select(m =>
        {
            var inMonth = rows.Where(r => r.Day.Year == m.Year && r.Day.Month == m.Month).ToList();
            // An instalment counts as pending once its day has come, not before.
            return new MonthRevenue(Month(m), Sum(inMonth.Select(r => r.Collected)), Sum(inMonth.Where(r => r.Day <= today).Select(r => r.Pending)));
        }).ToList();

    private static List<StageConversion> Funnel(IEnumerable<DailyRow> rows)
    {
        var current = new Dictionary<string, int>(StringComparer.Ordinal);
        var received = 0;
        foreach (var row in rows)
        {
            foreach (var stage in JsonDocument.Parse(row.Stages).RootElement.EnumerateObject())
            {
                current[stage.Name] = current.GetValueOrDefault(stage.Name) + stage.Value.GetInt32();
                received += stage.Value.GetInt32();
            }
        }
        var result = new List<StageConversion>();
        int? before = null;
        for (var i = 0; i < PipelineStages.Length; i++)
        {
            // Reached a stage: received (for the first), or now in it or in a later pipeline stage.
            var reached = i == 0 ? received : PipelineStages[i..].Sum(s => current.GetValueOrDefault(s));
            result.Add(new StageConversion(PipelineStages[i], reached,
                before is > 0 ? Math.Round(100m * reached / before.Value, 1, MidpointRounding.AwayFromZero) : null, current.GetValueOrDefault(PipelineStages[i])));
            before = reached;
        }
        return result;
    }

    private static IEnumerable<DateOnly> Months(AnalyticsPeriod period)
    {
        for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To; m = m.AddMonths(1))
        {
            yield return m;
        }
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static Money Sum(IEnumerable<string> json)
    {
        var money = new Money();
        foreach (var j in json)
        {
            money.Add(Parse(JsonDocument.Parse(j).RootElement));
        }
        return money;
    }

    private static Money Parse(string json) => Parse(JsonDocument.Parse(json).RootElement);

    private static Money Parse(JsonElement element)
    {
        var money = new Money();
        foreach (var p in element.EnumerateObject())
        {
            money[p.Name] = p.Value.GetDecimal();
        }
        return money;
    }
}
