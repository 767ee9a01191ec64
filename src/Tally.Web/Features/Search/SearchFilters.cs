using System.Globalization;
using Tally.Web.Features.Leads;
using Tally.Web.Features.Workflow;

namespace Tally.Web.Features.Search;

/// <summary>
/// Structured filters combined with a search: status (leads or sessions), workflow stage (leads),
/// source (leads), date range (a lead's event date, a session's start), the date a record was
/// created (every type, in the studio's time zone) and assigned member (leads). Applied inside the
/// candidate query (auth.search_candidates), so the capped candidate set is taken after filtering.
/// A type a given filter does not apply to (clients: all but the creation dates; sessions: stage,
/// source, assigned to) finds nothing.
/// </summary>
public sealed record SearchFilters(
    IReadOnlyList<string> Statuses,
    IReadOnlyList<string> Sources,
    DateOnly? From,
    DateOnly? To,
    Guid? AssignedTo)
{
    public static SearchFilters None { get; } = new([], [], null, null, null);

    /// <summary>Leads in these workflow stages (WorkflowStages.Lead).</summary>
    public IReadOnlyList<string> Stages { get; init; } = [];

    /// <summary>Records created on or after this day of the studio's calendar.</summary>
    public DateOnly? CreatedFrom { get; init; }

    /// <summary>Records created on or before this day of the studio's calendar.</summary>
    public DateOnly? CreatedTo { get; init; }

    /// <summary>The leads_source_check list of the schema.</summary>
    public static IReadOnlyList<string> LeadSources { get; } = ["instagram", "google", "referral", "website", "wedding_wire", "the_knot", "facebook", "other"];

    /// <summary>The sessions_status_check list of the schema.</summary>
    public static IReadOnlyList<string> SessionStatuses { get; } = ["inquiry", "booked", "completed", "delivered", "cancelled"];

    /// <summary>Every status a filter may name: the lead statuses, then the session statuses.</summary>
    public static IReadOnlyList<string> AllStatuses { get; } = [.. LeadStatuses.All, .. SessionStatuses.Where(s => !LeadStatuses.IsKnown(s))];

    public bool IsEmpty => Statuses.Count == 0 && Sources.Count == 0 && From is null && To is null && AssignedTo is null
        && Stages.Count == 0 && CreatedFrom is null && CreatedTo is null;

    /// <summary>The filters, or adds the errors of each parameter by name.</summary>
    public static SearchFilters? Parse(SearchFilterText text, Dictionary<string, string[]> errors)
    {
        var (status, source, from, to, assignedTo) = (text.Status, text.Source, text.From, text.To, text.AssignedTo);
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
        var stages = List(text.Stage);
        if (stages.Any(s => !WorkflowStages.Lead.Contains(s, StringComparer.Ordinal)))
        {
            errors["stage"] = [$"stage must be a comma-separated list of: {string.Join(", ", WorkflowStages.Lead)}."];
        }
        var createdFrom = Date(text.CreatedFrom, "createdFrom", errors);
        var createdTo = Date(text.CreatedTo, "createdTo", errors);
        if (createdFrom is { } cf && createdTo is { } ct && ct < cf)
        {
            errors["createdTo"] = ["createdTo must not be before createdFrom."];
        }
        return errors.Count > 0
            ? null
            : new SearchFilters(statuses, sources, fromDate, toDate, assigned) { Stages = stages, CreatedFrom = createdFrom, CreatedTo = createdTo };
    }

    /// <summary>The canonical form, for the results cache key.</summary>
    public string Canonical => string.Join('|',
        string.Join(',', Statuses), string.Join(',', Sources),
        From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        AssignedTo?.ToString("D"), string.Join(',', Stages),
        CreatedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CreatedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

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

/// <summary>
/// The filters as typed, before validation: straight from a query string, a form or saved criteria.
/// One list of names for every place that carries filters along (links, hidden fields, saved searches).
/// </summary>
public sealed record SearchFilterText(
    string? Status = null, string? Source = null, string? From = null, string? To = null, string? AssignedTo = null,
    string? Stage = null, string? CreatedFrom = null, string? CreatedTo = null)
{
    /// <summary>The parameter names, as GET /search and the forms take them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["status", "stage", "source", "from", "to", "createdFrom", "createdTo", "assignedTo"];

    /// <summary>The filters read by parameter name (a query string, a form), blanks as unset.</summary>
    public static SearchFilterText Read(Func<string, string?> value)
    {
        string? Get(string name) => string.IsNullOrWhiteSpace(value(name)) ? null : value(name)!.Trim();
        return new(Get("status"), Get("source"), Get("from"), Get("to"), Get("assignedTo"), Get("stage"), Get("createdFrom"), Get("createdTo"));
    }

    /// <summary>The filters that are set, by parameter name, in <see cref="Names"/> order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Pairs()
    {
        foreach (var name in Names)
        {
            if (Value(name) is { Length: > 0 } value)
            {
                yield return new(name, value);
            }
        }
    }

    public string? Value(string name) => name switch
    {
        "status" => Status,
        "stage" => Stage,
        "source" => Source,
        "from" => From,
        "to" => To,
        "createdFrom" => CreatedFrom,
        "createdTo" => CreatedTo,
        "assignedTo" => AssignedTo,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a search filter"),
    };
}
