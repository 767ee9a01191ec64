using Tally.Web.Features.Studios;

namespace Tally.Web.Features.Leads;

/// <summary>One lead as a list shows it.</summary>
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
    DateTime CreatedAt);

/// <summary>A page of a studio's leads, newest first.</summary>
/// <param name="HasNext">True when a further page has at least one lead.</param>
public sealed record LeadPage(Studio Studio, int Page, int PageSize, string? Status, bool HasNext, IReadOnlyList<LeadSummary> Items);
