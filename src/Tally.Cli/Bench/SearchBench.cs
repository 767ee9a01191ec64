using System.Globalization;
using System.Text;

namespace Tally.Cli.Bench;

/// <summary>
/// The search benchmark (issue 6, docs/search.md): one scenario per kind of query the header box
/// sends, each beside a naive baseline, <c>ILIKE '%…%'</c> over the same fields of leads, clients
/// and sessions. The baseline is SQL over Npgsql only (no HTTP, no ranking, no snippets), so the
/// ratio flatters it; it shows what the indexes buy, not a like-for-like request. A baseline
/// that finds nothing scans all of the largest studio's rows (about 1.7 s), so the baselines run
/// at one request a second, after their search and not beside it: beside it they would take the
/// cores the search is measured on.
/// </summary>
internal static class SearchBench
{
    /// <summary>Kind of query, the text typed, and the goal (p95 ms).</summary>
    public static readonly IReadOnlyList<(string Kind, string Label, string Query, double GoalMs)> Queries =
    [
        ("letter", "one-letter prefix", "a", 10),
        ("first-name", "a common first name (751 leads)", "mandy", 10),
        ("surname", "a rarer surname (650 leads)", "strosin", 10),
        ("email", "an email fragment", "burdette.kil", 10),
        ("phrase", "a phrase (15k messages)", "\"golden hour\"", 10),
        ("typo", "a misspelled surname (trigram fallback)", "strosni", 40),
        ("broad", "a word in most records", "wedding", 10),
    ];

    /// <summary>The header box's request for one query.</summary>
    public static string Path(string query) => "/api/v1/search?limit=8&q=" + Uri.EscapeDataString(query);

    /// <summary>
    /// What a search without its indexes looks like: a substring match on every searchable field,
    /// eight rows per type, under row-level security as the app's role. The typed text is a parameter.
    /// </summary>
    public const string IlikeSql = """
        (SELECT 'lead' AS type, id FROM leads
          WHERE studio_id = @studio AND (first_name ILIKE @pattern OR last_name ILIKE @pattern OR email ILIKE @pattern
                OR phone ILIKE @pattern OR venue ILIKE @pattern OR message ILIKE @pattern) LIMIT 8)
        UNION ALL
        (SELECT 'client', id FROM clients
          WHERE studio_id = @studio AND (first_name ILIKE @pattern OR last_name ILIKE @pattern OR email ILIKE @pattern
                OR phone ILIKE @pattern OR city ILIKE @pattern OR notes ILIKE @pattern) LIMIT 8)
        UNION ALL
        (SELECT 'session', id FROM sessions
          WHERE studio_id = @studio AND (title ILIKE @pattern OR location_name ILIKE @pattern OR address ILIKE @pattern
                OR notes ILIKE @pattern) LIMIT 8)
        """;

    /// <summary>The ILIKE pattern of a query: its words as typed, quotes dropped, wildcards escaped.</summary>
    public static string Pattern(string query) =>
        "%" + query.Replace("\"", "", StringComparison.Ordinal).Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

    public static IEnumerable<BenchScenario> Scenarios() => Queries.SelectMany(q => new BenchScenario[]
    {
        new($"search-{q.Kind}-largest", $"GET /api/v1/search?limit=8, {q.Label}: `{q.Query}`, largest studio",
            (t, _, ct) => t.GetAsync(false, BenchStudio.Largest, Path(q.Query), ct)),
        new($"search-{q.Kind}-ilike", $"Baseline for {q.Label}: ILIKE '%…%' on the same fields, 8 rows per type, SQL as tally_app with claims",
            (t, _, ct) => t.LargestStudioSqlAsync(IlikeSql, studio => new { studio, pattern = Pattern(q.Query) }, ct), Rate: BaselineRate),
    });

    /// <summary>Requests a second for a baseline.</summary>
    private const double BaselineRate = 1;

    /// <summary>The report's table: each kind of query, its p50/p95/p99, the goal, and the ILIKE ratio.</summary>
    public static void Append(StringBuilder sb, IReadOnlyList<ScenarioResult> results)
    {
        var ci = CultureInfo.InvariantCulture;
        var rows = Queries
            .Select(q => (q, Search: results.FirstOrDefault(r => r.Name == $"search-{q.Kind}-largest"), Ilike: results.FirstOrDefault(r => r.Name == $"search-{q.Kind}-ilike")))
            .Where(r => r.Search is not null)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }
        sb.AppendLine();
        sb.AppendLine("## Search, largest studio (goal: p95 ≤ 10 ms, typo fallback ≤ 40 ms)");
        sb.AppendLine();
        sb.AppendLine("Search over HTTP; beside it a naive `ILIKE '%…%'` over SQL only (no HTTP, ranking or snippets), measured after it at 1 request a second.");
        sb.AppendLine();
        sb.AppendLine("| query | typed | p50 ms | p95 ms | p99 ms | goal | met | ILIKE p95 ms | ILIKE ÷ search |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---|---:|---:|");
        foreach (var (q, search, ilike) in rows)
        {
            var ratio = ilike is null ? "" : (ilike.P95Ms / search!.P95Ms).ToString("0.0", ci) + "×";
            var ilikeP95 = ilike is null ? "" : ilike.P95Ms.ToString("0.00", ci);
            sb.AppendLine(ci, $"| {q.Label} | `{q.Query}` | {search!.P50Ms:0.00} | {search.P95Ms:0.00} | {search.P99Ms:0.00} | {q.GoalMs:0} | {(search.P95Ms <= q.GoalMs ? "yes" : "no")} | {ilikeP95} | {ratio} |");
        }
    }
}
