namespace Tally.Web.Features.Leads;

/// <summary>The pipeline stages of a lead, in pipeline order: the leads_status_check list.</summary>
public static class LeadStatuses
{
    public static IReadOnlyList<string> All { get; } = ["new", "contacted", "qualified", "proposal_sent", "won", "lost", "archived"];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);
}
