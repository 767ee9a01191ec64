using System.Globalization;
using Tally.Web.Infrastructure.Records;

namespace Tally.Web.Features.Sessions;

/// <summary>
/// The filters of a sessions list: status, a range of days in the studio's time zone (from and to
/// both included), a client, and the keyset position.
/// </summary>
public sealed record SessionListQuery(string? Status, DateOnly? From, DateOnly? To, Guid? ClientId, RecordCursor? After, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public bool HasDateRange => From is not null || To is not null;

    public static (SessionListQuery? Query, Dictionary<string, string[]> Errors) Parse(
        string? status, string? from, string? to, string? client, string? after, int? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var s = string.IsNullOrEmpty(status) ? null : status;
        if (s is not null && !SessionRules.IsStatus(s))
        {
            errors["status"] = [$"status must be one of: {string.Join(", ", SessionRules.Statuses)}."];
        }
        var fromDate = Date(from, "from", errors);
        var toDate = Date(to, "to", errors);
        if (fromDate > toDate)
        {
            errors["to"] = ["to must be on or after from."];
        }
        Guid? clientId = null;
        if (!string.IsNullOrEmpty(client))
        {
            if (Guid.TryParse(client, out var id))
            {
                clientId = id;
            }
            else
            {
                errors["client"] = ["client must be a client's id."];
            }
        }
        RecordCursor? cursor = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (RecordCursor.TryDecode(after, out var decoded))
            {
                cursor = decoded;
            }
            else
            {
                errors["after"] = ["after must be the next cursor of a previous page."];
            }
        }
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }
        return errors.Count > 0 ? (null, errors) : (new SessionListQuery(s, fromDate, toDate, clientId, cursor, limit ?? DefaultLimit), errors);
    }

    private static DateOnly? Date(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1900 and <= 2200)
        {
            return date;
        }
        errors[name] = [$"{name} must be a date such as 2026-06-13."];
        return null;
    }
}
