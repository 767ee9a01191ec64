using System.Globalization;
using Tally.Web.Features.Leads;

namespace Tally.Web.Features.Search;

/// <summary>
/// Structured filters combined with a search: status (leads or sessions), source (leads), date range
/// (a lead's event date, a session's start) and assigned member (leads). Applied inside the candidate
/// query (auth.search_candidates), so the capped candidate set is taken after filtering. A type a
/// given filter does not apply to (clients: any filter; sessions: source, assigned to) finds nothing.
/// </summary>
public sealed record SearchFilters(
    IReadOnlyList<string> Statuses,
    IReadOnlyList<string> Sources,
    DateOnly? From,
    DateOnly? To,
    Guid? AssignedTo)
{
    public static SearchFilters None { get; } = new([], [], null, null, null);

    /// <summary>The leads_source_check list of the schema.</summary>
    public static IReadOnlyList<string> LeadSources { get; } = ["instagram", "google", "referral", "website", "wedding_wire", "the_knot", "facebook", "other"];

    /// <summary>The sessions_status_check list of the schema.</summary>
    public static IReadOnlyList<string> SessionStatuses { get; } = ["inquiry", "booked", "completed", "delivered", "cancelled"];

    /// <summary>Every status a filter may name: the lead statuses, then the session statuses.</summary>
    public static IReadOnlyList<string> AllStatuses { get; } = [.. LeadStatuses.All, .. SessionStatuses.Where(s => !LeadStatuses.IsKnown(s))];

    public bool IsEmpty => Statuses.Count == 0 && Sources.Count == 0 && From is null && To is null && AssignedTo is null;

    /// <summary>The filters, or adds the errors of each parameter by name.</summary>
    public static SearchFilters? Parse(string? status, string? source, string? from, string? to, string? assignedTo, Dictionary<string, string[]> errors)
    {
        var statuses = List(status);
        if (statuses.Any(s => !AllStatuses.Contains(s, StringComparer.Ordinal)))
        {
            errors["status"] = [$"status must be a comma-separated list of: {string.Join(", ", AllStatuses)}."];
        }
        var sources = List(source);
        if (sources.Any(s => !LeadSources.Contains(s, StringComparer.Ordinal)))
        {
            errors["source"] = [$"source must be a comma-separated list of: {string.Join(", ", LeadSources)}."];
        }
        var fromDate = Date(from, "from", errors);
        var toDate = Date(to, "to", errors);
        if (fromDate is { } f && toDate is { } t && t < f)
        {
            errors["to"] = ["to must not be before from."];
        }
        Guid? assigned = null;
        if (!string.IsNullOrEmpty(assignedTo))
        {
            if (Guid.TryParseExact(assignedTo, "D", out var id))
            {
                assigned = id;
            }
            else
            {
                errors["assignedTo"] = ["assignedTo must be the id of a team member (a UUID)."];
            }
        }
        return errors.Count > 0 ? null : new SearchFilters(statuses, sources, fromDate, toDate, assigned);
    }

    /// <summary>The canonical form, for the results cache key.</summary>
    public string Canonical => string.Join('|',
        string.Join(',', Statuses), string.Join(',', Sources),
        From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        AssignedTo?.ToString("D"));

    /// <summary>The filters as query-string values (null when not set), as GET /search and the page take them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Query()
    {
        if (Statuses.Count > 0)
        {
            yield return new("status", string.Join(',', Statuses));
        }
        if (Sources.Count > 0)
        {
            yield return new("source", string.Join(',', Sources));
        }
        if (From is { } f)
        {
            yield return new("from", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (To is { } t)
        {
            yield return new("to", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (AssignedTo is { } a)
        {
            yield return new("assignedTo", a.ToString("D"));
        }
    }

    private static List<string> List(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static DateOnly? Date(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[name] = [$"{name} must be a date as yyyy-MM-dd."];
        return null;
    }
}
