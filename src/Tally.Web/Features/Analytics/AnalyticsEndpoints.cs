using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Analytics;

/// <summary>The period parameters of the analytics endpoints.</summary>
internal sealed record AnalyticsRequest(
    [FromRoute(Name = "slug")][property: Description("The studio's slug, such as aurora-studio.")] string Slug,
    [FromQuery(Name = "period")][property: Description("this-month, 30d (default), 90d, this-year or custom.")] string? Period,
    [FromQuery(Name = "from")][property: Description("First local day of a custom period, YYYY-MM-DD.")] string? From,
    [FromQuery(Name = "to")][property: Description("Last local day of a custom period, YYYY-MM-DD.")] string? To);

/// <summary>
/// /api/v1/studios/{slug}/analytics/…: the dashboard and the reports as JSON, the reports as CSV.
/// Every one needs can_view_analytics (403 without); another studio's slug is not found (404).
/// Money is an object per currency, e.g. {"USD": 1200.00, "EUR": 300.00}, never summed across currencies.
/// </summary>
internal static class AnalyticsEndpoints
{
    private static readonly string[] Statuses = ["active", "dormant", "churned"];

    public static RouteGroupBuilder MapAnalytics(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/studios/{slug}/analytics").WithTags("Analytics");
        group.MapGet("/dashboard", GetDashboard).WithName(nameof(GetDashboard))
            .WithSummary("The dashboard's figures for a period")
            .WithDescription("KPIs with the previous period's, inquiries and bookings over time, revenue collected and pending by month, the lead funnel, lead sources, upcoming sessions and overdue timeline steps.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/lead-sources", GetLeadSources).WithName(nameof(GetLeadSources))
            .WithSummary("Lead sources: leads, conversions, conversion rate, revenue and average deal size")
            .WithDescription("Over the calendar months the period touches (the rollup is monthly).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/lead-sources.csv", GetLeadSourcesCsv).WithName(nameof(GetLeadSourcesCsv))
            .WithSummary("Lead sources as CSV").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/client-lifecycle", GetClientLifecycle).WithName(nameof(GetClientLifecycle))
            .WithSummary("Client lifecycle: counts per status and the clients of one status with their value")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/client-lifecycle.csv", GetClientLifecycleCsv).WithName(nameof(GetClientLifecycleCsv))
            .WithSummary("Client lifecycle as CSV").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/revenue", GetRevenue).WithName(nameof(GetRevenue))
            .WithSummary("Revenue by month (collected and pending) and by session type (collected)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/revenue.csv", GetRevenueCsv).WithName(nameof(GetRevenueCsv))
            .WithSummary("Revenue as CSV").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/conversion", GetConversion).WithName(nameof(GetConversion))
            .WithSummary("Conversion by pipeline stage of the leads received in the period")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/conversion.csv", GetConversionCsv).WithName(nameof(GetConversionCsv))
            .WithSummary("Conversion by stage as CSV").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The period of a request, or the problem to answer with.</summary>
    private static async Task<(AnalyticsPeriod? Period, DateOnly Today, IResult? Problem)> ResolveAsync(AnalyticsRequest request, TallyDb db, CancellationToken ct)
    {
        var studio = await StudioQueries.FindAsync(db, request.Slug, ct);
        if (studio is null || studio.Id != db.Claims.StudioId || await AnalyticsQueries.StudioTodayAsync(db, ct) is not { } today)
        {
            return (null, default, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no studio with the slug '{request.Slug}'."));
        }
        if (!AnalyticsQueries.CanView(db.Claims))
        {
            return (null, default, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Analytics permission required",
                detail: "Viewing analytics takes the can_view_analytics permission."));
        }
        var (period, errors) = AnalyticsPeriod.Parse(request.Period, request.From, request.To, today.Today);
        return period is null ? (null, default, TypedResults.ValidationProblem(errors)) : (period, today.Today, null);
    }

    public static async Task<IResult> GetDashboard([AsParameters] AnalyticsRequest request, TallyDb db, CancellationToken ct)
    {
        var (period, today, problem) = await ResolveAsync(request, db, ct);
        return problem ?? TypedResults.Ok(await AnalyticsQueries.DashboardAsync(db, period!, today, ct));
    }

    public static async Task<IResult> GetLeadSources([AsParameters] AnalyticsRequest request, TallyDb db, CancellationToken ct)
    {
        var (period, _, problem) = await ResolveAsync(request, db, ct);
        return problem ?? TypedResults.Ok(new { period, sources = await AnalyticsQueries.SourcesAsync(db, period!, ct) });
    }

    public static async Task<IResult> GetLeadSourcesCsv([AsParameters] AnalyticsRequest request, TallyDb db, CancellationToken ct)
    {
        var (period, _, problem) = await ResolveAsync(request, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        var sources = await AnalyticsQueries.SourcesAsync(db, period!, ct);
        var currencies = AnalyticsCsv.Currencies(sources.Select(s => s.Revenue));
        return await CsvAsync(db, request, "lead-sources", AnalyticsCsv.Write(
            ["source", "leads", "conversions", "conversion_rate_percent", .. currencies.Select(c => "revenue_" + c), .. currencies.Select(c => "avg_deal_size_" + c)],
            sources.Select(s => (IReadOnlyList<object?>)[s.Source, s.Leads, s.Conversions, s.ConversionRate,
                .. currencies.Select(c => (object?)s.Revenue.GetValueOrDefault(c)), .. currencies.Select(c => (object?)s.AverageDealSize.GetValueOrDefault(c))])), ct);
    }

    public static async Task<IResult> GetClientLifecycle([AsParameters] AnalyticsRequest request, [FromQuery(Name = "status")] string? status, TallyDb db, CancellationToken ct)
    {
        var (_, _, problem) = await ResolveAsync(request, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!ValidStatus(ref status))
        {
            return StatusProblem();
        }
        return TypedResults.Ok(await AnalyticsQueries.LifecycleAsync(db, status, 500, ct));
    }

    public static async Task<IResult> GetClientLifecycleCsv([AsParameters] AnalyticsRequest request, [FromQuery(Name = "status")] string? status, TallyDb db, CancellationToken ct)
    {
        var (_, _, problem) = await ResolveAsync(request, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!ValidStatus(ref status))
        {
            return StatusProblem();
        }
        var report = await AnalyticsQueries.LifecycleAsync(db, status, 10_000, ct);
        var currencies = AnalyticsCsv.Currencies(report.Clients.Select(c => c.TotalSpent));
        return await CsvAsync(db, request, "client-lifecycle-" + status, AnalyticsCsv.Write(
            ["client_id", "name", "status", "first_contact_date", "last_session_date", "last_activity_date", "total_sessions", "lifetime_days", .. currencies.Select(c => "total_spent_" + c)],
            report.Clients.Select(c => (IReadOnlyList<object?>)[c.ClientId, c.Name, c.Status, c.FirstContactDate, c.LastSessionDate, c.LastActivityDate, c.TotalSessions, c.LifetimeDays,
                .. currencies.Select(k => (object?)c.TotalSpent.GetValueOrDefault(k))])), ct);
    }

    public static async Task<IResult> GetRevenue([AsParameters] AnalyticsRequest request, TallyDb db, CancellationToken ct)
    {
        var (period, today, problem) = await ResolveAsync(request, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (byMonth, byType) = await AnalyticsQueries.RevenueAsync(db, period!, today, ct);
        return TypedResults.Ok(new { period, byMonth, bySessionType = byType });
    }

    public static async Task<IResult> GetRevenueCsv([AsParameters] AnalyticsRequest request, TallyDb db, CancellationToken ct)
    {
        var (period, today, problem) = await ResolveAsync(request, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (byMonth, byType) = await AnalyticsQueries.RevenueAsync(db, period!, today, ct);
        var currencies = AnalyticsCsv.Currencies(byMonth.SelectMany(m => new[] { m.Collected, m.Pending }).Concat(byType.Select(t => t.Collected)));
        var rows = byMonth.Select(m => (IReadOnlyList<object?>)["month", m.Month, .. currencies.Select(c => (object?)m.Collected.GetValueOrDefault(c)), .. currencies.Select(c => (object?)m.Pending.GetValueOrDefault(c))])
            .Concat(byType.Select(t => (IReadOnlyList<object?>)["session_type", t.SessionType, .. currencies.Select(c => (object?)t.Collected.GetValueOrDefault(c)), .. currencies.Select(_ => (object?)null)]));
        return await CsvAsync(db, request, "revenue", AnalyticsCsv.Write(["by", "key", .. currencies.Select(c => "collected_" + c), .. currencies.Select(c => "pending_" + c)], rows), ct);
    }

    public static async Task<IResult> GetConversion([AsParameters] AnalyticsRequest request, TallyDb db, CancellationToken ct)
    {
        var (period, _, problem) = await ResolveAsync(request, db, ct);
        return problem ?? TypedResults.Ok(new { period, stages = await AnalyticsQueries.ConversionAsync(db, period!, ct) });
    }

    public static async Task<IResult> GetConversionCsv([AsParameters] AnalyticsRequest request, TallyDb db, CancellationToken ct)
    {
        var (period, _, problem) = await ResolveAsync(request, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        var stages = await AnalyticsQueries.ConversionAsync(db, period!, ct);
        return await CsvAsync(db, request, "conversion", AnalyticsCsv.Write(["stage", "reached", "rate_from_previous_percent", "now_in_stage"],
            stages.Select(s => (IReadOnlyList<object?>)[s.Stage, s.Reached, s.RateFromPrevious, s.Current])), ct);
    }

    private static bool ValidStatus([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] ref string? status)
    {
        status = string.IsNullOrEmpty(status) ? "dormant" : status;
        return Statuses.Contains(status, StringComparer.Ordinal);
    }

    private static ValidationProblem StatusProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be one of: active, dormant, churned."] });

    private static async Task<IResult> CsvAsync(TallyDb db, AnalyticsRequest request, string name, string content, CancellationToken ct)
    {
        await Audit.AuditEvents.RecordExportAsync(db, "analytics/" + name, new { period = request.Period, from = request.From, to = request.To }, ct);
        return Csv(name, content);
    }

    private static IResult Csv(string name, string content) =>
        TypedResults.File(Encoding.UTF8.GetBytes(content), "text/csv; charset=utf-8", name + ".csv");
}
