using System.ComponentModel;

namespace Tally.Web.Features.Sessions;

/// <summary>A session (shoot) with every field, its client's name, and the row version its ETag carries.</summary>
public sealed record Session(
    Guid Id,
    Guid ClientId,
    string ClientName,
    string SessionType,
    string Title,
    [property: Description("Start, UTC; null while an inquiry has no date.")] DateTime? StartsAt,
    DateTime? EndsAt,
    string? LocationName,
    string? Address,
    decimal? Latitude,
    decimal? Longitude,
    string Status,
    string? PackageName,
    decimal? PackagePrice,
    string? Currency,
    [property: Description("The team member (photographer) assigned, if any.")] Guid? AssignedTo,
    string? AssignedToName,
    string? Notes,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: Description("The row version: send it back in If-Match to update (also the ETag header).")] string Version);

/// <summary>A session as lists and the agenda show it.</summary>
public sealed record SessionSummary(
    Guid Id,
    Guid ClientId,
    string ClientName,
    string SessionType,
    string Title,
    DateTime? StartsAt,
    DateTime? EndsAt,
    string? LocationName,
    string Status,
    Guid? AssignedTo,
    string Version);

/// <summary>A page of sessions by start, scheduled ones first, then those without a date.</summary>
/// <param name="Next">The cursor of the next page (pass it as <c>after</c>); null on the last page.</param>
public sealed record SessionPage(IReadOnlyList<SessionSummary> Items, string? Next);

/// <summary>Another session that holds the same photographer at an overlapping time.</summary>
public sealed record SessionConflict(Guid Id, string Title, DateTime StartsAt, DateTime EndsAt, string Status);

/// <summary>The body of create and update.</summary>
public sealed class SessionInput
{
    [Description("The client the session is for (required).")]
    public Guid? ClientId { get; set; }

    [Description("wedding, engagement, portrait, family, newborn, boudoir, corporate, event or other.")]
    public string? SessionType { get; set; }

    [Description("Up to 200 characters; \"{client} {type}\" when omitted.")]
    public string? Title { get; set; }

    [Description("Start with its UTC offset, such as 2026-06-13T18:30:00+02:00. Required unless the status is inquiry or cancelled.")]
    public DateTimeOffset? StartsAt { get; set; }

    [Description("End, after the start; given with the start or not at all.")]
    public DateTimeOffset? EndsAt { get; set; }

    public string? LocationName { get; set; }

    public string? Address { get; set; }

    [Description("Degrees, -90 to 90; given with the longitude or not at all.")]
    public decimal? Latitude { get; set; }

    [Description("Degrees, -180 to 180.")]
    public decimal? Longitude { get; set; }

    [Description("inquiry, booked, completed, delivered or cancelled; booked when a start is given and inquiry otherwise, when omitted.")]
    public string? Status { get; set; }

    public string? PackageName { get; set; }

    [Description("0 or more, two decimals at most.")]
    public decimal? PackagePrice { get; set; }

    [Description("ISO 4217 code; the studio's default currency when a price is given without one.")]
    public string? Currency { get; set; }

    [Description("A team member of the studio.")]
    public Guid? AssignedTo { get; set; }

    public string? Notes { get; set; }

    [Description("Save even when the photographer has another session at an overlapping time (otherwise 409 listing them).")]
    public bool AllowOverlap { get; set; }
}

/// <summary>A session's fields after <see cref="SessionRules.Check"/>.</summary>
public sealed record SessionValues(
    Guid ClientId, string SessionType, string? Title, DateTime? StartsAt, DateTime? EndsAt, string? LocationName, string? Address,
    decimal? Latitude, decimal? Longitude, string Status, string? PackageName, decimal? PackagePrice, string? Currency,
    Guid? AssignedTo, string? Notes, bool AllowOverlap)
{
    /// <summary>Whether the session holds its photographer's time: scheduled and not cancelled.</summary>
    public bool HoldsTime => StartsAt is not null && Status != "cancelled";
}
