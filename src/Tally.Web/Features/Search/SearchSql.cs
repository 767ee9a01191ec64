namespace Tally.Web.Features.Search;

/// <summary>
/// The SQL of a search, assembled from fixed fragments (the requested types choose which); no
/// user text is ever part of it. Parameters: @studio, @terms, @phrases, @excluded (text[]),
/// @prefix, @candidates, @prefixRows, the filters (@statuses, @sources, @dateFrom, @dateTo, @assignedTo, @stages, @createdFrom, @createdTo), @take, @offset, and for <see cref="ForHits"/> @hitTypes, @hitIds, @hitRanks.
/// </summary>
internal static class SearchSql
{
    /// <summary>Candidates per type at most: ranking is bounded by this, whatever the number of matches.</summary>
    public const int Candidates = 200;

    /// <summary>Candidates per type at least.</summary>
    public const int MinCandidates = 40;

    /// <summary>
    /// Candidates per type for pages of <paramref name="limit"/> hits: five pages' worth, between
    /// <see cref="MinCandidates"/> and <see cref="Candidates"/>. The header box asks for 8 and so
    /// ranks 40 per type, the results page ranks more; fetching the candidates is most of a
    /// common word's cost (docs/search.md). A function of the limit alone, never of the page, so
    /// page 1 and the cached later pages of one search rank the same candidate set.
    /// </summary>
    public static int CandidatesFor(int limit) => Math.Clamp(limit * 5, MinCandidates, Candidates);

    private const string Query = """
        WITH q AS MATERIALIZED (
          SELECT search_query(@terms, @phrases, @excluded) AS tsq,
                 search_query(@terms, @phrases, @excluded, false) AS anyq
        )
        """;

    // The short-prefix path passes no tsquery: auth.search_candidates then reads the name indexes,
    // in name order, so it needs no more rows than the page shows (@prefixRows).
    private static string Candidate(string type) => $"""
        SELECT '{SearchTypes.Singular(type)}'::text AS type, c.id, c.rank
        FROM q, auth.search_candidates('{type}', CASE WHEN @prefix::text IS NULL THEN q.tsq END, @prefix,
                                       CASE WHEN @prefix::text IS NULL THEN @candidates ELSE @prefixRows END,
                                       @statuses::text[], @sources::text[], @dateFrom::date, @dateTo::date, @assignedTo::uuid,
                                       @stages::text[], @createdFrom::date, @createdTo::date) c
        """;

    // The rows themselves are read here, under row-level security: the authority on what the caller sees.
    // Matched fields come from the weights of the stored document (A name or title, B email and
    // phone, C details, D message): ts_filter is cheap, parsing each field again is not (sessions
    // parse their short title and client name again: see there).
    // U&'\E000' and U&'\E001' are the highlight markers (Highlight), removed from the text first.
    private static string Details(string type) => type switch
    {
        "leads" => """
            SELECT top.type, top.id, top.rank::float8 AS rank,
              ts_headline('public.tally_simple', translate(concat_ws(' ', l.first_name, l.last_name, CASE WHEN l.partner_name IS NOT NULL THEN '& ' || l.partner_name END), U&'\E000\E001', ''), q.anyq, @titleOptions) AS title,
              ts_headline('public.tally_simple', translate(concat_ws(' · ', l.email, l.phone, l.venue, l.message), U&'\E000\E001', ''), q.anyq, @snippetOptions) AS snippet,
              array_remove(ARRAY[
                CASE WHEN ts_filter(l.search_vector, '{a}') @@ q.anyq THEN 'name' END,
                CASE WHEN ts_filter(l.search_vector, '{b}') @@ q.anyq THEN 'contact' END,
                CASE WHEN ts_filter(l.search_vector, '{c}') @@ q.anyq THEN 'details' END,
                CASE WHEN ts_filter(l.search_vector, '{d}') @@ q.anyq THEN 'message' END], NULL) AS matched,
              l.status
            FROM top JOIN leads l ON top.type = 'lead' AND l.studio_id = @studio AND l.id = top.id, q
            """,
        "clients" => """
            SELECT top.type, top.id, top.rank::float8 AS rank,
              ts_headline('public.tally_simple', translate(concat_ws(' ', c.first_name, c.last_name, CASE WHEN c.partner_name IS NOT NULL THEN '& ' || c.partner_name END), U&'\E000\E001', ''), q.anyq, @titleOptions) AS title,
              ts_headline('public.tally_simple', translate(concat_ws(' · ', c.email, c.phone, c.city, c.notes), U&'\E000\E001', ''), q.anyq, @snippetOptions) AS snippet,
              array_remove(ARRAY[
                CASE WHEN ts_filter(c.search_vector, '{a}') @@ q.anyq THEN 'name' END,
                CASE WHEN ts_filter(c.search_vector, '{b}') @@ q.anyq THEN 'contact' END,
                CASE WHEN ts_filter(c.search_vector, '{c}') @@ q.anyq THEN 'details' END], NULL) AS matched,
              NULL::text AS status
            FROM top JOIN clients c ON top.type = 'client' AND c.studio_id = @studio AND c.id = top.id, q
            """,
        // A session's document holds its client's name (A, beside the title) and email (B): the
        // title and the client are told apart by matching them on their own (only the page's rows),
        // the client read under row-level security like the session. The snippet starts with the
        // client's name, so that a hit found by it shows why.
        "sessions" => """
            SELECT top.type, top.id, top.rank::float8 AS rank,
              ts_headline('public.tally_simple', translate(s.title, U&'\E000\E001', ''), q.anyq, @titleOptions) AS title,
              ts_headline('public.tally_simple', translate(concat_ws(' · ', concat_ws(' ', cl.first_name, cl.last_name, CASE WHEN cl.partner_name IS NOT NULL THEN '& ' || cl.partner_name END), s.location_name, s.address, s.package_name, s.notes), U&'\E000\E001', ''), q.anyq, @snippetOptions) AS snippet,
              array_remove(ARRAY[
                CASE WHEN search_name_vector(s.title) @@ q.anyq THEN 'title' END,
                CASE WHEN search_name_vector(concat_ws(' ', cl.first_name, cl.last_name, cl.partner_name)) @@ q.anyq THEN 'client' END,
                CASE WHEN search_contact_vector(cl.email::text, NULL) @@ q.anyq THEN 'client email' END,
                CASE WHEN ts_filter(s.search_vector, '{c}') @@ q.anyq THEN 'details' END], NULL) AS matched,
              s.status
            FROM top JOIN sessions s ON top.type = 'session' AND s.studio_id = @studio AND s.id = top.id
            LEFT JOIN clients cl ON cl.studio_id = s.studio_id AND cl.id = s.client_id, q
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a search type"),
    };

    private static string Select(IReadOnlyList<string> types) =>
        string.Join("\nUNION ALL\n", types.Select(Details)) + "\nORDER BY rank DESC, id";

    /// <summary>Ranks the capped candidates of each type together and returns one page of them.</summary>
    public static string Ranked(IReadOnlyList<string> types) => $"""
        {Query},
        cand AS (
        {string.Join("\nUNION ALL\n", types.Select(Candidate))}
        ),
        top AS (SELECT type, id, rank FROM cand ORDER BY rank DESC, id LIMIT @take OFFSET @offset)
        {Select(types)}
        """;

    /// <summary>Every candidate of each type, ranked, for the results cache.</summary>
    public static string AllCandidates(IReadOnlyList<string> types) => $"""
        {Query}
        SELECT type, id, rank::float8 AS rank FROM (
        {string.Join("\nUNION ALL\n", types.Select(Candidate))}
        ) cand
        """;

    /// <summary>The details of hits already ranked (a page read from the results cache).</summary>
    public static string ForHits(IReadOnlyList<string> types) => $"""
        {Query},
        top AS (SELECT * FROM unnest(@hitTypes::text[], @hitIds::uuid[], @hitRanks::float8[]) AS h(type, id, rank))
        {Select(types)}
        """;

    /// <summary>For each term, the closest word of the studio's vocabulary, if any (auth.search_closest_words).</summary>
    public const string ClosestWords = """
        SELECT term, word, coalesce(similarity, 0)::float8 AS similarity
        FROM auth.search_closest_words(@terms::text[], @minSimilarity::real)
        """;

    public const string TitleOptions = "HighlightAll=true, StartSel=\uE000, StopSel=\uE001";

    public const string SnippetOptions = "StartSel=\uE000, StopSel=\uE001, MaxWords=18, MinWords=6, MaxFragments=2, FragmentDelimiter=\" … \"";
}
