using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Tally.Web.Features.Leads;

/// <summary>
/// The filters, sort and position of a leads list, checked the same way for the page, the API and
/// the export. Every value arrives as text and is parsed here, so a malformed one is a field error,
/// never a binding exception.
/// </summary>
public sealed record LeadListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The sorts, by their URL value: newest (default), oldest, event (soonest, undated last), name.</summary>
    public static IReadOnlyList<string> Sorts { get; } = ["newest", "oldest", "event", "name"];

    public const string Unassigned = "unassigned";

    public string? Status { get; init; }

    public string? Source { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>A teammate's id, or null; see <see cref="OnlyUnassigned"/>.</summary>
    public Guid? AssignedTo { get; init; }

    public bool OnlyUnassigned { get; init; }

    /// <summary>True: archived leads only; false: the working list (archived leads hidden).</summary>
    public bool Archived { get; init; }

    public string Sort { get; init; } = "newest";

    public LeadCursor? After { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The query of these raw parameters, or the errors of each by its name.</summary>
    public static (LeadListQuery? Query, Dictionary<string, string[]> Errors) Parse(
        string? status, string? source, string? from, string? to, string? assignedTo, string? archived, string? sort, string? after, string? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = new LeadListQuery();
        if (!string.IsNullOrEmpty(status))
        {
            if (LeadStatuses.IsKnown(status))
            {
                query = query with { Status = status };
            }
            else
            {
                errors["status"] = [$"status must be one of: {string.Join(", ", LeadStatuses.All)}."];
            }
        }
        if (!string.IsNullOrEmpty(source))
        {
            if (LeadCodes.Has(LeadCodes.Sources, source))
            {
                query = query with { Source = source };
            }
            else
            {
                errors["source"] = [$"source must be one of: {string.Join(", ", LeadCodes.Sources)}."];
            }
        }
        query = query with { From = ParseDate(from, "from", errors), To = ParseDate(to, "to", errors) };
        if (query.From is { } f && query.To is { } t && f > t)
        {
            errors["to"] = ["to must be on or after from."];
        }
        if (!string.IsNullOrEmpty(assignedTo))
        {
            if (assignedTo == Unassigned)
            {
                query = query with { OnlyUnassigned = true };
            }
            else if (Guid.TryParseExact(assignedTo, "D", out var member))
            {
                query = query with { AssignedTo = member };
            }
            else
            {
                errors["assignedTo"] = ["assignedTo must be a teammate's id or 'unassigned'."];
            }
        }
        if (!string.IsNullOrEmpty(archived))
        {
            if (archived is "true" or "false")
            {
                query = query with { Archived = archived == "true" };
            }
            else
            {
                errors["archived"] = ["archived must be true or false."];
            }
        }
        if (!string.IsNullOrEmpty(sort))
        {
            if (Sorts.Contains(sort, StringComparer.Ordinal))
            {
                query = query with { Sort = sort };
            }
            else
            {
                errors["sort"] = [$"sort must be one of: {string.Join(", ", Sorts)}."];
            }
        }
        if (!string.IsNullOrEmpty(after))
        {
            var cursor = LeadCursor.Decode(after);
            if (cursor is null)
            {
                errors["after"] = ["after must be a cursor this list gave (its next link)."];
            }
            else if (cursor.Sort != query.Sort)
            {
                errors["after"] = ["after is a cursor of another sort; start from the first page."];
            }
            else
            {
                query = query with { After = cursor };
            }
        }
        if (!string.IsNullOrEmpty(limit))
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit)
            {
                query = query with { Limit = n };
            }
            else
            {
                errors["limit"] = [$"limit must be a whole number between 1 and {MaxLimit}."];
            }
        }
        return errors.Count > 0 ? (null, errors) : (query, errors);
    }

    private static DateOnly? ParseDate(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[name] = [$"{name} must be a date as yyyy-mm-dd."];
        return null;
    }

    /// <summary>The filters and sort as URL parameters (no cursor, no limit unless changed): for links and the export.</summary>
    public Dictionary<string, string?> FilterParameters()
    {
        var p = new Dictionary<string, string?>(StringComparer.Ordinal);
        Add(p, "status", Status);
        Add(p, "source", Source);
        Add(p, "from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(p, "to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(p, "assignedTo", OnlyUnassigned ? Unassigned : AssignedTo?.ToString());
        Add(p, "archived", Archived ? "true" : null);
        Add(p, "sort", Sort == "newest" ? null : Sort);
        Add(p, "limit", Limit == DefaultLimit ? null : Limit.ToString(CultureInfo.InvariantCulture));
        return p;
    }

    public string Url(string path, string? after = null)
    {
        var p = FilterParameters();
        Add(p, "after", after);
        return QueryHelpers.AddQueryString(path, p);
    }

    private static void Add(Dictionary<string, string?> p, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            p[name] = value;
        }
    }
}
