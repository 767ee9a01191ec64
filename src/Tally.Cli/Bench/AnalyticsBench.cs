using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;

namespace Tally.Cli.Bench;

/// <summary>
/// The analytics scenarios (docs/analytics.md): the dashboard and every report over HTTP for the
/// largest and a typical studio; the dashboard's figures read from the rollups and computed live
/// from the base tables over Npgsql (same claims, same transaction shape) for the ratio; and the
/// nightly round's duration over every studio, timed once before the first scenario's warm-up.
/// Goals: dashboard ≤ 10 ms p95, reports ≤ 25 ms p95.
/// </summary>
internal static class AnalyticsBench
{
    private static readonly string[] Reports = ["lead-sources", "client-lifecycle", "revenue", "conversion"];

    /// <summary>Seconds the nightly round took for every studio, once measured.</summary>
    public static double? NightlySeconds { get; private set; }

    public static int NightlyStudios { get; private set; }

    public static IEnumerable<BenchScenario> Scenarios =>
    [
        new("analytics-dashboard-largest", "GET /dashboard?period=30d (HTML), largest studio, owner (can_view_analytics); the nightly round is timed once before its warm-up",
            (t, _, ct) => t.GetAsync(false, BenchStudio.Largest, "/dashboard?period=30d", ct), Around: TimeNightlyAsync),
        new("analytics-dashboard-typical", "GET /dashboard?period=30d (HTML), a typical studio",
            (t, _, ct) => t.GetAsync(false, BenchStudio.Typical, "/dashboard?period=30d", ct)),
        .. Reports.SelectMany(r => new BenchScenario[]
        {
            new($"analytics-report-{r}-largest", $"GET /reports/{r}?period=this-year (HTML), largest studio",
                (t, _, ct) => t.GetAsync(false, BenchStudio.Largest, $"/reports/{r}?period=this-year", ct)),
            new($"analytics-report-{r}-typical", $"GET /reports/{r}?period=this-year (HTML), a typical studio",
                (t, _, ct) => t.GetAsync(false, BenchStudio.Typical, $"/reports/{r}?period=this-year", ct)),
        }),
        new("analytics-sql-rollup-largest", "The dashboard's figures over Npgsql as tally_app with the owner's claims, from the rollups (30 days + previous 30, outstanding, sources), largest studio",
            (t, _, ct) => SqlAsync(t, Rollup, ct), Rate: SqlRate),
        new("analytics-sql-live-largest", "The same figures computed live from leads, payments, sessions and gallery_access_log, largest studio",
            (t, _, ct) => SqlAsync(t, Live, ct), Rate: SqlRate),
    ];

    // The live computation of the largest studio takes longer than 20 ms, so at the run's rate its
    // requests pile up behind each other (and the rollup's beside them): measured at 50 req/s, both
    // queued for seconds. At a few a second each request is timed on its own.
    private const double SqlRate = 2;

    /// <summary>Rollup and live side by side, so machine noise falls on both alike.</summary>
    public static readonly string[] SideBySide = ["analytics-sql-rollup-largest", "analytics-sql-live-largest"];

    // What AnalyticsQueries runs for the dashboard's money and counts, from the rollups.
    private const string Rollup = """
        SELECT metric_date, new_leads, converted_leads, leads_by_stage::text, total_revenue::text, pending_revenue::text, session_count, gallery_views
        FROM analytics.daily_business_metrics WHERE studio_id = @studio AND metric_date BETWEEN @today - 59 AND @today;
        SELECT e.key, sum(e.value::numeric) FROM analytics.daily_business_metrics m CROSS JOIN LATERAL jsonb_each_text(m.pending_revenue) AS e(key, value)
        WHERE m.studio_id = @studio AND m.metric_date <= @today AND m.pending_revenue <> '{}' GROUP BY e.key;
        SELECT source, lead_count, conversion_count, total_revenue::text FROM analytics.lead_source_analytics
        WHERE studio_id = @studio AND period_start BETWEEN date_trunc('month', @today - 29)::date AND @today;
        """;

    // The same figures straight from the base tables, in the studio's time zone.
    private const string Live = """
        SELECT (created_at AT TIME ZONE @tz)::date, count(*), count(*) FILTER (WHERE converted_client_id IS NOT NULL OR status = 'won' OR workflow_stage IN ('booked', 'completed')),
               jsonb_object_agg(workflow_stage, 1)
        FROM leads WHERE studio_id = @studio AND created_at >= ((@today - 59)::timestamp AT TIME ZONE @tz) GROUP BY 1;
        SELECT (paid_at AT TIME ZONE @tz)::date, currency, sum(amount) FROM payments
        WHERE studio_id = @studio AND status IN ('paid', 'refunded') AND paid_at >= ((@today - 59)::timestamp AT TIME ZONE @tz) GROUP BY 1, 2;
        SELECT (refunded_at AT TIME ZONE @tz)::date, currency, sum(amount) FROM payments
        WHERE studio_id = @studio AND status = 'refunded' AND refunded_at >= ((@today - 59)::timestamp AT TIME ZONE @tz) GROUP BY 1, 2;
        SELECT currency, sum(amount) FROM payments WHERE studio_id = @studio AND status IN ('pending', 'due') AND coalesce(due_date, (created_at AT TIME ZONE @tz)::date) <= @today GROUP BY 1;
        SELECT (starts_at AT TIME ZONE @tz)::date, count(*) FROM sessions
        WHERE studio_id = @studio AND status IN ('booked', 'completed', 'delivered') AND starts_at >= ((@today - 59)::timestamp AT TIME ZONE @tz) AND starts_at < ((@today + 1)::timestamp AT TIME ZONE @tz) GROUP BY 1;
        SELECT (accessed_at AT TIME ZONE @tz)::date, count(*) FROM gallery_access_log
        WHERE studio_id = @studio AND action = 'view' AND accessed_at >= ((@today - 59)::timestamp AT TIME ZONE @tz) GROUP BY 1;
        SELECT l.source, count(*), count(*) FILTER (WHERE l.converted_client_id IS NOT NULL),
               (SELECT sum(p.amount) FROM payments p WHERE p.studio_id = @studio AND p.status = 'paid'
                  AND p.client_id IN (SELECT x.converted_client_id FROM leads x WHERE x.studio_id = @studio AND x.source = l.source
                                        AND x.created_at >= (date_trunc('month', @today - 29)::timestamp AT TIME ZONE @tz)))
        FROM leads l WHERE l.studio_id = @studio AND l.created_at >= (date_trunc('month', @today - 29)::timestamp AT TIME ZONE @tz) GROUP BY l.source;
        """;

    private static async Task<bool> SqlAsync(BenchTargets t, string sql, CancellationToken ct)
    {
        await using var connection = await t.AppSql.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT set_config('request.jwt.claims', @claims, true)", new { claims = t.LargestClaims }, transaction, cancellationToken: ct));
        var (studio, tz, today) = await connection.QuerySingleAsync<(Guid, string, DateTime)>(new CommandDefinition(
            "SELECT id, timezone, (now() AT TIME ZONE timezone)::date::timestamp FROM studios WHERE slug = @slug",
            new { slug = t.Context.LargestStudio }, transaction, cancellationToken: ct));
        await using (var reader = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { studio, tz, today = DateOnly.FromDateTime(today) }, transaction, cancellationToken: ct)))
        {
            while (!reader.IsConsumed)
            {
                await reader.ReadAsync();
            }
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    private static async Task<IAsyncDisposable?> TimeNightlyAsync(BenchTargets t, CancellationToken ct)
    {
        await using var connection = await t.OwnerSql.OpenConnectionAsync(ct);
        var clock = Stopwatch.StartNew();
        NightlyStudios = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT analytics.nightly_all(7)", commandTimeout: 0, cancellationToken: ct));
        NightlySeconds = clock.Elapsed.TotalSeconds;
        return null;
    }

    /// <summary>The analytics section of the report: each figure against its goal, and the live/rollup ratio.</summary>
    public static void AppendReport(StringBuilder sb, IReadOnlyList<ScenarioResult> results)
    {
        var ours = results.Where(r => r.Name.StartsWith("analytics-", StringComparison.Ordinal)).ToList();
        if (ours.Count == 0 && NightlySeconds is null)
        {
            return;
        }
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine("## Analytics (goals: dashboard ≤ 10 ms p95, reports ≤ 25 ms p95)");
        sb.AppendLine();
        sb.AppendLine("| figure | p50 ms | p95 ms | goal | met |");
        sb.AppendLine("|---|---:|---:|---:|---|");
        foreach (var r in ours.Where(r => !r.Name.StartsWith("analytics-sql-", StringComparison.Ordinal)))
        {
            var goal = r.Name.StartsWith("analytics-dashboard-", StringComparison.Ordinal) ? 10 : 25;
            sb.AppendLine(ci, $"| {r.Name} | {r.P50Ms:0.00} | {r.P95Ms:0.00} | {goal} | {(r.P95Ms <= goal ? "yes" : "no")} |");
        }
        var rollup = ours.FirstOrDefault(r => r.Name == "analytics-sql-rollup-largest");
        var live = ours.FirstOrDefault(r => r.Name == "analytics-sql-live-largest");
        if (rollup is not null && live is not null)
        {
            sb.AppendLine();
            sb.AppendLine(ci, $"Dashboard figures of the largest studio over Npgsql: from the rollups p50 {rollup.P50Ms:0.00} / p95 {rollup.P95Ms:0.00} ms; computed live from the base tables p50 {live.P50Ms:0.00} / p95 {live.P95Ms:0.00} ms; live / rollup at p95: {(rollup.P95Ms > 0 ? live.P95Ms / rollup.P95Ms : double.NaN):0.0}×.");
        }
        if (NightlySeconds is { } seconds)
        {
            sb.AppendLine();
            sb.AppendLine(ci, $"Nightly round (analytics.nightly_all(7): the last 7 closed days and their months recomputed, client statuses refreshed) for {NightlyStudios:N0} studios: {seconds:0.00} s.");
        }
    }
}
