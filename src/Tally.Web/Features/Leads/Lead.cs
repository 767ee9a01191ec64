namespace Tally.Web.Features.Leads;

/// <summary>One lead as a list (and the export) shows it.</summary>
public sealed record LeadSummary(
    Guid Id,
    string FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    string? EventType,
    DateOnly? EventDate,
    decimal? Budget,
    string? Currency,
    string Source,
    string Status,
    string WorkflowStage,
    Guid? AssignedTo,
    string? AssignedToName,
    DateTime? ArchivedAt,
    DateTime CreatedAt);

/// <summary>
/// A page of a studio's leads in the order of its sort. <paramref name="Next"/> is the cursor of the
/// following page (pass it as <c>after</c>), null on the last page; there is no total count.
/// </summary>
public sealed record LeadListPage(IReadOnlyList<LeadSummary> Items, string? Next, int Limit, string Sort);

/// <summary>Every field of one lead, with its row version.</summary>
public sealed record LeadDetail(
    Guid Id,
    string FirstName,
    string? LastName,
    string? PartnerName,
    string? Email,
    string? Phone,
    string? EventType,
    DateOnly? EventDate,
    string? Venue,
    int? GuestCount,
    decimal? Budget,
    string? Currency,
    string Source,
    string? Message,
    string Status,
    string WorkflowStage,
    string? LostReason,
    Guid? AssignedTo,
    string? AssignedToName,
    Guid? ConvertedClientId,
    DateTime? ArchivedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string Version)
{
    public string ETag => LeadVersion.ETag(Version);
}

/// <summary>One call, email, note or meeting with a lead.</summary>
public sealed record LeadInteraction(
    Guid Id,
    string Kind,
    string? Direction,
    string Summary,
    string? Body,
    DateTime OccurredAt,
    Guid? CreatedBy,
    string? CreatedByName,
    DateTime CreatedAt);

/// <summary>A teammate a lead can be assigned to.</summary>
public sealed record Teammate(Guid Id, string FullName, string Role);
