using Microsoft.AspNetCore.Components;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Analytics;

/// <summary>What the report pages share: the period from the URL, the permission, the studio's slug for the CSV link.</summary>
public abstract class ReportPageBase : ComponentBase
{
    [Inject]
    public required TallyDb Db { get; set; }

    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "period")]
    public string? PeriodKey { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromParameter { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToParameter { get; set; }

    protected AnalyticsPeriod? Period { get; private set; }

    protected Dictionary<string, string[]> Errors { get; private set; } = new();

    protected bool Allowed { get; private set; }

    protected DateOnly Today { get; private set; }

    protected string? Slug { get; private set; }

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>Reads the period and the permission; false when there is nothing to show.</summary>
    protected async Task<bool> PrepareAsync()
    {
        Allowed = AnalyticsQueries.CanView(Db.Claims);
        if (!Allowed || await AnalyticsQueries.StudioTodayAsync(Db, Aborted) is not { } studio)
        {
            if (HttpContext is not null && !Allowed)
            {
                HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
            return false;
        }
        Today = studio.Today;
        Slug = (await Studios.StudioQueries.FindByIdAsync(Db, Db.Claims.StudioId!.Value, Aborted))?.Slug;
        (Period, Errors) = AnalyticsPeriod.Parse(PeriodKey, FromParameter, ToParameter, Today);
        if (Period is null && HttpContext is not null)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Period is not null;
    }

    protected string? Csv(string report, string? extra = null) =>
        Slug is null || Period is null ? null : $"/api/v1/studios/{Uri.EscapeDataString(Slug)}/analytics/{report}.csv?{Period.Query}{extra}";
}
