using System.Text.RegularExpressions;
using Tally.Web.Features.Clients;

namespace Tally.Web.Features.Sessions;

/// <summary>The rules of a session's fields: the sessions table's CHECK constraints, named by field.</summary>
public static partial class SessionRules
{
    /// <summary>The sessions_session_type_check list.</summary>
    public static IReadOnlyList<string> Types { get; } = ["wedding", "engagement", "portrait", "family", "newborn", "boudoir", "corporate", "event", "other"];

    /// <summary>The sessions_status_check list, in the order a session lives them.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["inquiry", "booked", "completed", "delivered", "cancelled"];

    public const decimal MaxPrice = 9_999_999_999.99m;

    public static bool IsStatus(string? value) => value is not null && Statuses.Contains(value, StringComparer.Ordinal);

    public static (SessionValues? Values, Dictionary<string, string[]> Errors) Check(SessionInput input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input.ClientId is null || input.ClientId == Guid.Empty)
        {
            errors["clientId"] = ["clientId is required: the client the session is for."];
        }
        var type = input.SessionType?.Trim();
        if (string.IsNullOrEmpty(type))
        {
            errors["sessionType"] = ["Type is required."];
        }
        else if (!Types.Contains(type, StringComparer.Ordinal))
        {
            errors["sessionType"] = [$"Type must be one of: {string.Join(", ", Types)}."];
        }
        var title = ClientRules.Text(input.Title, "title", "Title", 200, errors);
        DateTime? starts = input.StartsAt?.UtcDateTime;
        DateTime? ends = input.EndsAt?.UtcDateTime;
        if (starts is null != ends is null)
        {
            errors[starts is null ? "startsAt" : "endsAt"] = ["Give both the start and the end, or neither."];
        }
        else if (starts is not null && ends <= starts)
        {
            errors["endsAt"] = ["The end must be after the start."];
        }
        var status = string.IsNullOrWhiteSpace(input.Status) ? (starts is null ? "inquiry" : "booked") : input.Status.Trim();
        if (!IsStatus(status))
        {
            errors["status"] = [$"Status must be one of: {string.Join(", ", Statuses)}."];
        }
        else if (starts is null && status is not ("inquiry" or "cancelled") && !errors.ContainsKey("startsAt"))
        {
            errors["startsAt"] = [$"A {status} session needs a start and an end."];
        }
        var location = ClientRules.Text(input.LocationName, "locationName", "Location", 200, errors);
        var address = ClientRules.Text(input.Address, "address", "Address", 500, errors);
        if (input.Latitude is null != input.Longitude is null)
        {
            errors[input.Latitude is null ? "latitude" : "longitude"] = ["Give both the latitude and the longitude, or neither."];
        }
        if (input.Latitude is < -90 or > 90)
        {
            errors["latitude"] = ["Latitude is between -90 and 90."];
        }
        if (input.Longitude is < -180 or > 180)
        {
            errors["longitude"] = ["Longitude is between -180 and 180."];
        }
        var package = ClientRules.Text(input.PackageName, "packageName", "Package", 200, errors);
        if (input.PackagePrice is { } price && (price < 0 || price > MaxPrice || decimal.Round(price, 2) != price))
        {
            errors["packagePrice"] = ["Price is 0 or more, with at most two decimals."];
        }
        var currency = ClientRules.Text(input.Currency, "currency", "Currency", 3, errors)?.ToUpperInvariant();
        if (currency is not null && !errors.ContainsKey("currency") && !CurrencyShape().IsMatch(currency))
        {
            errors["currency"] = ["Currency is a three-letter ISO code, such as EUR or USD."];
        }
        var notes = ClientRules.Text(input.Notes, "notes", "Notes", 10_000, errors, trim: false);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        // 6 decimals is what numeric(9,6) keeps: round rather than fail on a longer one.
        var lat = input.Latitude is { } la ? decimal.Round(la, 6) : (decimal?)null;
        var lng = input.Longitude is { } lo ? decimal.Round(lo, 6) : (decimal?)null;
        return (new SessionValues(input.ClientId!.Value, type!, title, starts, ends, location, address, lat, lng, status, package,
            input.PackagePrice, currency, input.AssignedTo, notes, input.AllowOverlap), errors);
    }

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyShape();
}
