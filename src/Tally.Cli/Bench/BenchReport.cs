using System.Globalization;
using System.Text;
using System.Text.Json;
using Tally.Data.Cluster;

namespace Tally.Cli.Bench;

internal sealed record ScenarioResult(string Name, string Description, int Requests, int Errors, double RatePerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs);

internal sealed record BenchReport(
    DateTimeOffset At, string Commit, string Machine, string Scale, BenchContext Studios, double DurationSeconds, IReadOnlyList<ScenarioResult> Results)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes bench/results/&lt;stamp&gt;.json and .md, and latest.md; returns the markdown path.</summary>
    public string Write()
    {
        var folder = Path.Combine(RepoPaths.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var stamp = At.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(folder, stamp + ".json"), JsonSerializer.Serialize(this, Json));
        var md = Markdown();
        var mdPath = Path.Combine(folder, stamp + ".md");
        File.WriteAllText(mdPath, md);
        File.WriteAllText(Path.Combine(folder, "latest.md"), md);
        return mdPath;
    }

    public string Markdown()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"# Tally benchmark — {At:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine(ci, $"- commit: `{Commit}`");
        sb.AppendLine(ci, $"- machine: {Machine}");
        sb.AppendLine(ci, $"- data: {Scale}");
        sb.AppendLine(ci, $"- largest studio: `{Studios.LargestStudio}` ({Studios.LargestStudioLeads:N0} leads); typical: `{Studios.TypicalStudio}` ({Studios.TypicalStudioLeads:N0} leads)");
        sb.AppendLine(ci, $"- method: end to end over HTTP on loopback, app and database on the same machine, warm, fixed request rate (open loop, latency from when each request was due), {DurationSeconds:0} s per scenario");
        sb.AppendLine();
        sb.AppendLine("| scenario | rate (req/s) | requests | errors | p50 ms | p95 ms | p99 ms | max ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Results)
        {
            sb.AppendLine(ci, $"| {r.Name} | {r.RatePerSecond:0} | {r.Requests} | {r.Errors} | {r.P50Ms:0.00} | {r.P95Ms:0.00} | {r.P99Ms:0.00} | {r.MaxMs:0.00} |");
        }
        sb.AppendLine();
        foreach (var r in Results)
        {
            sb.AppendLine(ci, $"- `{r.Name}`: {r.Description}");
        }
        AppendRlsCost(sb);
        return sb.ToString();
    }

    /// <summary>The cost of row-level security: p95 with the policies over p95 without, for each pair that ran.</summary>
    private void AppendRlsCost(StringBuilder sb)
    {
        var ci = CultureInfo.InvariantCulture;
        var rows = BenchScenario.RlsComparisons
            .Select(c => (c.Label, With: Results.FirstOrDefault(r => r.Name == c.WithPolicies), Without: Results.FirstOrDefault(r => r.Name == c.Baseline)))
            .Where(c => c.With is not null && c.Without is not null)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }
        sb.AppendLine();
        sb.AppendLine("## Cost of row-level security (goal: p95 ratio ≤ 1.2×)");
        sb.AppendLine();
        sb.AppendLine("The pairs with and without policies ran side by side, their requests interleaved at the same rate each, so the machine's noise fell on both alike.");
        sb.AppendLine();
        sb.AppendLine("| comparison | with policies | p95 ms | baseline | p95 ms | ratio |");
        sb.AppendLine("|---|---|---:|---|---:|---:|");
        foreach (var (label, with, without) in rows)
        {
            sb.AppendLine(ci, $"| {label} | `{with!.Name}` | {with.P95Ms:0.00} | `{without!.Name}` | {without.P95Ms:0.00} | {with.P95Ms / without.P95Ms:0.00}× |");
        }
    }
}
