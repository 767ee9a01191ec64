using Dapper;
using Tally.Web.Infrastructure;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Search;

/// <summary>
/// The database side of a search, through the request's transaction (row-level security applies).
/// The search statements run with their generic plans (PlanChoice): their candidates come from
/// auth.search_candidates, which chooses its own path for the studio, and the rest reads the page's
/// rows by primary key; planning the whole statement for each search's values cost 1.3 ms of the
/// 2–7 ms a search takes on the largest studio, and changed no plan.
/// </summary>
internal static class SearchQueries
{
    // Properties rather than a positional record: Dapper reports a text[] column as System.Array,
    // which matches no constructor parameter of type string[].
    internal sealed class HitRow
    {
        public string Type { get; init; } = "";
        public Guid Id { get; init; }
        public double Rank { get; init; }
        public string? Title { get; init; }
        public string? Snippet { get; init; }
        public string[] Matched { get; init; } = [];
        public string? Status { get; init; }
    }

    internal sealed record CandidateRow(string Type, Guid Id, double Rank);

    internal sealed record ClosestWord(string Term, string? Word, double Similarity);

    /// <summary>One page of hits, ranked; one row more than asked when another page follows.</summary>
    public static async Task<List<HitRow>> RankedAsync(TallyDb db, Guid studio, ParsedSearch search, SearchFilters filters, IReadOnlyList<string> types, int candidates, int take, int offset, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<HitRow>(new CommandDefinition(
            PlanChoice.Generically(SearchSql.Ranked(types)),
            Parameters(studio, search, filters, new { take, offset }, candidates, prefixRows: take + offset),
            cancellationToken: ct));
        return rows.AsList();
    }

    public static async Task<List<CandidateRow>> AllCandidatesAsync(TallyDb db, Guid studio, ParsedSearch search, SearchFilters filters, IReadOnlyList<string> types, int candidates, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<CandidateRow>(new CommandDefinition(
            PlanChoice.Generically(SearchSql.AllCandidates(types)), Parameters(studio, search, filters, null, candidates), cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Titles, snippets and matched fields of hits already ranked, in rank order.</summary>
    public static async Task<List<HitRow>> DetailsAsync(TallyDb db, Guid studio, ParsedSearch search, SearchFilters filters, IReadOnlyList<string> types, IReadOnlyList<CandidateRow> hits, CancellationToken ct)
    {
        if (hits.Count == 0)
        {
            return [];
        }
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<HitRow>(new CommandDefinition(
            PlanChoice.Generically(SearchSql.ForHits(types)),
            Parameters(studio, search, filters, new
            {
                hitTypes = hits.Select(h => h.Type).ToArray(),
                hitIds = hits.Select(h => h.Id).ToArray(),
                hitRanks = hits.Select(h => h.Rank).ToArray(),
            }, SearchSql.Candidates),
            cancellationToken: ct));
        return rows.AsList();
    }

    public static async Task<List<ClosestWord>> ClosestWordsAsync(TallyDb db, Guid studio, IReadOnlyList<string> terms, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<ClosestWord>(new CommandDefinition(
            SearchSql.ClosestWords, new { studio, terms = terms.ToArray(), minSimilarity = SearchService.MinSimilarity }, cancellationToken: ct));
        return rows.AsList();
    }

    private static DynamicParameters Parameters(Guid studio, ParsedSearch search, SearchFilters filters, object? extra, int candidates, int prefixRows = SearchSql.Candidates)
    {
        var p = new DynamicParameters(extra);
        p.Add("prefixRows", Math.Min(prefixRows, SearchSql.Candidates));
        p.Add("studio", studio);
        p.Add("terms", search.Terms.ToArray());
        p.Add("phrases", search.Phrases.ToArray());
        p.Add("excluded", search.Excluded.ToArray());
        p.Add("prefix", search.ShortPrefix, System.Data.DbType.String);
        p.Add("candidates", candidates);
        p.Add("statuses", filters.Statuses.Count > 0 ? filters.Statuses.ToArray() : null);
        p.Add("sources", filters.Sources.Count > 0 ? filters.Sources.ToArray() : null);
        p.Add("dateFrom", filters.From, System.Data.DbType.Date);
        p.Add("dateTo", filters.To, System.Data.DbType.Date);
        p.Add("assignedTo", filters.AssignedTo, System.Data.DbType.Guid);
        p.Add("stages", filters.Stages.Count > 0 ? filters.Stages.ToArray() : null);
        p.Add("createdFrom", filters.CreatedFrom, System.Data.DbType.Date);
        p.Add("createdTo", filters.CreatedTo, System.Data.DbType.Date);
        p.Add("titleOptions", SearchSql.TitleOptions);
        p.Add("snippetOptions", SearchSql.SnippetOptions);
        return p;
    }
}
