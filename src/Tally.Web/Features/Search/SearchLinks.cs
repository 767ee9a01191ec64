namespace Tally.Web.Features.Search;

/// <summary>Where a hit is shown: the record's own page in the admin app.</summary>
internal static class SearchLinks
{
    public static string For(string type, Guid id) => type switch
    {
        "lead" => $"/leads/{id}",
        "client" => $"/clients/{id}",
        "session" => $"/sessions/{id}",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a search type"),
    };
}
