namespace Tally.Web.Features.Search;

/// <summary>A piece of displayed text; <c>Match</c> when it matched the search (shown highlighted).</summary>
public sealed record TextSegment(string Text, bool Match);

/// <summary>One record found by a search.</summary>
/// <param name="Type">lead, client or session.</param>
/// <param name="Title">The record's name (a session's title), split into highlighted segments.</param>
/// <param name="Snippet">The best-matching passage of its other text (email, phone, venue, notes, message; a session's client's name first).</param>
/// <param name="MatchedFields">Which parts matched: name, contact (email, phone), details (event, venue, address, notes), message; for a session title, client (its client's name), client email, details.</param>
/// <param name="Url">The record's page in the admin app.</param>
public sealed record SearchHit(
    string Type,
    Guid Id,
    double Rank,
    IReadOnlyList<TextSegment> Title,
    IReadOnlyList<TextSegment> Snippet,
    IReadOnlyList<string> MatchedFields,
    string? Status,
    string Url);

/// <summary>The answer of a search.</summary>
/// <param name="Query">The search as understood, written canonically.</param>
/// <param name="Fuzzy">True when the results come from the typo fallback (close spellings of the words).</param>
/// <param name="Suggestion">The corrected search ("did you mean"), when the fallback corrected something.</param>
/// <param name="HasMore">True when another page of results follows.</param>
public sealed record SearchResponse(
    string Query,
    IReadOnlyList<string> Types,
    int Page,
    int Limit,
    bool Fuzzy,
    string? Suggestion,
    bool HasMore,
    IReadOnlyList<SearchHit> Results)
{
    public static SearchResponse Empty(string query, IReadOnlyList<string> types, int page, int limit) =>
        new(query, types, page, limit, false, null, false, []);
}
