namespace Tally.Web.Features.Search;

/// <summary>A validated search: the parsed text, the types, the page size and the page.</summary>
public sealed record SearchRequest(ParsedSearch Search, IReadOnlyList<string> Types, int Limit, int Page)
{
    public const int MaxQueryLength = 200;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;
    public const int MaxPage = 20;

    /// <summary>Structured filters applied with the search (none by default).</summary>
    public SearchFilters Filters { get; init; } = SearchFilters.None;

    /// <summary>The request with filters, or the errors of each parameter (the search's and the filters') by name.</summary>
    public static (SearchRequest? Request, Dictionary<string, string[]> Errors) From(
        string? q, string? types, string? limit, string? page, SearchFilterText filterText)
    {
        var (request, errors) = From(q, types, limit, page);
        var filters = SearchFilters.Parse(filterText, errors);
        return request is null || filters is null ? (null, errors) : (request with { Filters = filters }, errors);
    }

    /// <summary>The request, or the errors of each parameter by name (the API answers 400 with them).</summary>
    public static (SearchRequest? Request, Dictionary<string, string[]> Errors) From(string? q, string? types, string? limit, string? page)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (q is null)
        {
            errors["q"] = ["q is required: the text to search for."];
        }
        else if (q.Length > MaxQueryLength)
        {
            errors["q"] = [$"q must be at most {MaxQueryLength} characters."];
        }
        var parsedTypes = SearchTypes.Parse(types);
        if (parsedTypes is null)
        {
            errors["types"] = [$"types must be a comma-separated list of: {string.Join(", ", SearchTypes.All)}."];
        }
        var parsedLimit = ParseNumber(limit, DefaultLimit, 1, MaxLimit);
        if (parsedLimit is null)
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }
        var parsedPage = ParseNumber(page, 1, 1, MaxPage);
        if (parsedPage is null)
        {
            errors["page"] = [$"page must be a whole number from 1 to {MaxPage}."];
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new SearchRequest(ParsedSearch.Parse(q), parsedTypes!, parsedLimit!.Value, parsedPage!.Value), errors);
    }

    private static int? ParseNumber(string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : null;
    }
}
