using System.Globalization;
using Tally.Web.Features.Studios;

namespace Tally.Web.Features.Sessions;

/// <summary>
/// The session form's fields as posted (Input.*): text, with times on the studio's wall clock
/// (datetime-local). <see cref="ToInput"/> reads them into the API's <see cref="SessionInput"/>.
/// </summary>
public sealed class SessionForm
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public string? SessionType { get; set; }
    public string? Title { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? LocationName { get; set; }
    public string? Address { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Status { get; set; }
    public string? PackageName { get; set; }
    public string? PackagePrice { get; set; }
    public string? Currency { get; set; }
    public string? AssignedTo { get; set; }
    public string? Notes { get; set; }
    public string? AllowOverlap { get; set; }

    public static SessionForm From(Session s, TimeZoneInfo zone) => new()
    {
        SessionType = s.SessionType,
        Title = s.Title,
        StartsAt = s.StartsAt is { } start ? StudioTime.ToLocal(start, zone).ToString(LocalFormat, CultureInfo.InvariantCulture) : null,
        EndsAt = s.EndsAt is { } end ? StudioTime.ToLocal(end, zone).ToString(LocalFormat, CultureInfo.InvariantCulture) : null,
        LocationName = s.LocationName,
        Address = s.Address,
        Latitude = s.Latitude?.ToString(CultureInfo.InvariantCulture),
        Longitude = s.Longitude?.ToString(CultureInfo.InvariantCulture),
        Status = s.Status,
        PackageName = s.PackageName,
        PackagePrice = s.PackagePrice?.ToString("0.00", CultureInfo.InvariantCulture),
        Currency = s.Currency,
        AssignedTo = s.AssignedTo?.ToString(),
        Notes = s.Notes,
    };

    /// <summary>The API's input for the client, or the errors of fields that do not even parse.</summary>
    public (SessionInput Input, Dictionary<string, string[]> Errors) ToInput(Guid clientId, Studio studio)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var zone = StudioTime.Zone(studio);
        var input = new SessionInput
        {
            ClientId = clientId,
            SessionType = SessionType,
            Title = Title,
            StartsAt = Instant(StartsAt, "startsAt", zone, studio, errors),
            EndsAt = Instant(EndsAt, "endsAt", zone, studio, errors),
            LocationName = LocationName,
            Address = Address,
            Latitude = Number(Latitude, "latitude", "Latitude", errors),
            Longitude = Number(Longitude, "longitude", "Longitude", errors),
            Status = Status,
            PackageName = PackageName,
            PackagePrice = Number(PackagePrice, "packagePrice", "Price", errors),
            Currency = Currency,
            Notes = Notes,
            AllowOverlap = AllowOverlap is "true" or "on",
        };
        if (!string.IsNullOrWhiteSpace(AssignedTo))
        {
            if (Guid.TryParse(AssignedTo, out var member))
            {
                input.AssignedTo = member;
            }
            else
            {
                errors["assignedTo"] = ["Choose a photographer from the list."];
            }
        }
        return (input, errors);
    }

    private static DateTimeOffset? Instant(string? text, string field, TimeZoneInfo zone, Studio studio, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!DateTime.TryParseExact(text.Trim(), [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Year is < 1900 or > 2200)
        {
            errors[field] = ["Enter a date and time, such as 2026-06-13 18:30."];
            return null;
        }
        if (StudioTime.ToUtc(local, zone) is not { } utc)
        {
            errors[field] = [$"That time does not exist in {studio.TimeZone}: the clocks skip it. Choose a time after the change."];
            return null;
        }
        return new DateTimeOffset(utc, TimeSpan.Zero);
    }

    private static decimal? Number(string? text, string field, string label, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors[field] = [$"{label} must be a number, such as 1250.00 (a point before the decimals)."];
        return null;
    }
}
