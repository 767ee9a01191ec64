namespace Tally.Web.Features.Analytics;

/// <summary>Amounts per currency (ISO code → amount), never summed across currencies.</summary>
public sealed class Money : SortedDictionary<string, decimal>
{
    public Money()
        : base(StringComparer.Ordinal)
    {
    }

    public void Add(Money other)
    {
        foreach (var (currency, amount) in other)
        {
            this[currency] = this.GetValueOrDefault(currency) + amount;
        }
        foreach (var zero in this.Where(p => p.Value == 0).Select(p => p.Key).ToList())
        {
            Remove(zero);
        }
    }
}

/// <summary>The headline figures of a period and of the period before it.</summary>
public sealed record Kpis(
    int Inquiries, int PreviousInquiries,
    int Bookings, int PreviousBookings,
    int Sessions, int PreviousSessions,
    int GalleryViews, int PreviousGalleryViews,
    Money Collected, Money PreviousCollected,
    Money Outstanding);

/// <summary>Inquiries received in a bucket (a day or a month) and how many of them booked.</summary>
public sealed record InquiryPoint(string Label, int Inquiries, int Bookings);

/// <summary>Revenue of a local month: collected (net of refunds) and pending (fallen due by today, unpaid).</summary>
public sealed record MonthRevenue(string Month, Money Collected, Money Pending);

/// <summary>Collected revenue of a session type.</summary>
public sealed record TypeRevenue(string SessionType, Money Collected);

/// <summary>A pipeline stage: leads of the period that reached it, the rate from the stage before, and how many are in it now.</summary>
public sealed record StageConversion(string Stage, int Reached, decimal? RateFromPrevious, int Current);

/// <summary>A lead source over the period's months.</summary>
public sealed record SourcePerformance(string Source, int Leads, int Conversions, decimal ConversionRate, Money Revenue, Money AverageDealSize);

/// <summary>A client's lifecycle row, with the client's name.</summary>
public sealed record LifecycleClient(
    Guid ClientId, string Name, string Status, DateOnly FirstContactDate, DateOnly? LastSessionDate, DateOnly LastActivityDate,
    int TotalSessions, Money TotalSpent, Money AverageSessionValue, int LifetimeDays);

/// <summary>The lifecycle report: counts per status, the studio's thresholds, and the clients of one status.</summary>
public sealed record LifecycleReport(int Active, int Dormant, int Churned, int DormantAfterDays, int ChurnedAfterDays, string Status, List<LifecycleClient> Clients);

/// <summary>A booked session in the coming week.</summary>
public sealed record UpcomingSession(Guid Id, string Title, string SessionType, DateTimeOffset StartsAt, string ClientName);

/// <summary>An open timeline step whose due day has passed.</summary>
public sealed record OverdueStep(Guid Id, string Title, DateOnly DueDate, Guid SessionId, string SessionTitle);

/// <summary>What every team member sees: no money anywhere.</summary>
public sealed record OperationsFigures(int NewInquiries, List<UpcomingSession> UpcomingSessions, List<OverdueStep> OverdueSteps, int OverdueCount, bool OverdueCountCapped);

/// <summary>The whole dashboard of a member holding can_view_analytics.</summary>
public sealed record DashboardFigures(
    AnalyticsPeriod Period, Kpis Kpis, List<InquiryPoint> Inquiries, List<MonthRevenue> RevenueByMonth,
    List<StageConversion> Funnel, List<SourcePerformance> Sources, OperationsFigures Operations);
