namespace Tally.Web.Features.Search;

/// <summary>The kinds of record a search covers: the plural is the table and the `types` value, the singular a hit's type.</summary>
public static class SearchTypes
{
    public static IReadOnlyList<string> All { get; } = ["leads", "clients", "sessions"];

    public static string Singular(string type) => type switch
    {
        "leads" => "lead",
        "clients" => "client",
        "sessions" => "session",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a search type"),
    };

    /// <summary>The types of a comma-separated list in canonical order; null when one is unknown.</summary>
    public static IReadOnlyList<string>? Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return All;
        }
        var wanted = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (wanted.Length == 0 || wanted.Any(w => !All.Contains(w, StringComparer.Ordinal)))
        {
            return null;
        }
        return All.Where(t => wanted.Contains(t, StringComparer.Ordinal)).ToList();
    }
}
