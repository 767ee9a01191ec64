namespace Tally.Web.Features.Leads;

/// <summary>The pipeline stages of a lead, in pipeline order: the leads_status_check list.</summary>
public static class LeadStatuses
{
    public static IReadOnlyList<string> All { get; } = ["new", "contacted", "qualified", "proposal_sent", "won", "lost", "archived"];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);
}

/// <summary>The allowed values of a lead's other coded fields (the CHECKs of leads and lead_interactions).</summary>
public static class LeadCodes
{
    public static IReadOnlyList<string> Sources { get; } = ["instagram", "google", "referral", "website", "wedding_wire", "the_knot", "facebook", "other"];

    public static IReadOnlyList<string> EventTypes { get; } = ["wedding", "engagement", "portrait", "family", "newborn", "boudoir", "corporate", "event", "other"];

    /// <summary>What a person records; "inquiry" is written by the inquiry form only.</summary>
    public static IReadOnlyList<string> InteractionKinds { get; } = ["call", "email", "note", "meeting"];

    public static IReadOnlyList<string> Directions { get; } = ["inbound", "outbound"];

    public static bool Has(IReadOnlyList<string> list, string? value) => value is not null && list.Contains(value, StringComparer.Ordinal);
}
