using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Search;

/// <summary>One search, as the API, the results page and saved searches run it.</summary>
internal static class SearchService
{
    /// <summary>Fewer full-text results than this on page 1 and the typo fallback is tried.</summary>
    public const int FallbackBelow = 3;

    /// <summary>How close a vocabulary word must be (pg_trgm similarity) to replace a typed term.</summary>
    public const double MinSimilarity = 0.3;

    public static async Task<SearchResponse> RunAsync(TallyDb db, SearchRequest request, CancellationToken ct)
    {
        var search = request.Search;
        var empty = SearchResponse.Empty(search.Canonical, request.Types, request.Page, request.Limit);
        // No studio in the claims: row-level security would show nothing anyway.
        if (search.IsEmpty || db.Claims.StudioId is not { } studio)
        {
            return empty;
        }
        var offset = (request.Page - 1) * request.Limit;
        var candidates = SearchSql.CandidatesFor(request.Limit);

        if (request.Page > 1 && db.Claims.UserId is { } user)
        {
            return await CachedPageAsync(db, studio, user, request, candidates, offset, ct);
        }

        var rows = await SearchQueries.RankedAsync(db, studio, search, request.Filters, request.Types, candidates, request.Limit + 1, offset, ct);
        if (rows.Count >= FallbackBelow || request.Page > 1 || search.ShortPrefix is not null)
        {
            return Response(request, search, rows, fuzzy: false, suggestion: null);
        }

        // Typo fallback: replace each word by the closest one of the studio's vocabulary and search
        // again through the full-text index. Shown only when the corrected search finds something
        // this caller may see, so the vocabulary never reveals a word of a hidden record.
        var corrected = await CorrectAsync(db, studio, search, ct);
        if (corrected is null)
        {
            return Response(request, search, rows, fuzzy: false, suggestion: null);
        }
        var fuzzyRows = await SearchQueries.RankedAsync(db, studio, corrected, request.Filters, request.Types, candidates, request.Limit + 1, 0, ct);
        return fuzzyRows.Count > rows.Count
            ? Response(request, corrected, fuzzyRows, fuzzy: true, suggestion: corrected.Canonical)
            : Response(request, search, rows, fuzzy: false, suggestion: null);
    }

    private static async Task<ParsedSearch?> CorrectAsync(TallyDb db, Guid studio, ParsedSearch search, CancellationToken ct)
    {
        var correctable = search.Terms.Where(t => t.Length >= 3 && t.All(char.IsLetter)).ToList();
        if (correctable.Count == 0)
        {
            return null;
        }
        var closest = await SearchQueries.ClosestWordsAsync(db, studio, correctable, ct);
        var replacements = closest
            .Where(c => c.Word is not null && c.Word != c.Term)
            .ToDictionary(c => c.Term, c => c.Word!, StringComparer.Ordinal);
        if (replacements.Count == 0)
        {
            return null;
        }
        var terms = search.Terms.Select(t => replacements.GetValueOrDefault(t, t)).Distinct(StringComparer.Ordinal).ToList();
        return search with { Terms = terms };
    }

    private static async Task<SearchResponse> CachedPageAsync(TallyDb db, Guid studio, Guid user, SearchRequest request, int candidates, int offset, CancellationToken ct)
    {
        var hash = SearchCache.Hash(db.Claims, request.Search, request.Filters, request.Types, candidates);
        var page = await SearchCache.PageAsync(db, studio, user, hash, request.Limit + 1, offset, ct);
        if (page is null)
        {
            var all = await SearchQueries.AllCandidatesAsync(db, studio, request.Search, request.Filters, request.Types, candidates, ct);
            if (all.Count > 0)
            {
                await SearchCache.StoreAsync(db, studio, user, hash, all, ct);
            }
            page = all.OrderByDescending(h => Math.Round(h.Rank, 6)).ThenBy(h => h.Id).Skip(offset).Take(request.Limit + 1).ToList();
        }
        var rows = await SearchQueries.DetailsAsync(db, studio, request.Search, request.Filters, request.Types, page, ct);
        return Response(request, request.Search, rows, fuzzy: false, suggestion: null);
    }

    private static SearchResponse Response(SearchRequest request, ParsedSearch search, List<SearchQueries.HitRow> rows, bool fuzzy, string? suggestion)
    {
        var hasMore = rows.Count > request.Limit;
        var hits = rows.Take(request.Limit).Select(r => new SearchHit(
            r.Type,
            r.Id,
            Math.Round(r.Rank, 6),
            Highlight.Segments(r.Title),
            Highlight.Segments(r.Snippet),
            r.Matched,
            r.Status,
            SearchLinks.For(r.Type, r.Id))).ToList();
        return new SearchResponse(search.Canonical, request.Types, request.Page, request.Limit, fuzzy, suggestion, hasMore, hits);
    }
}
