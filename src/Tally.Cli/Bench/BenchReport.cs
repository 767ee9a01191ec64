using System.Globalization;
using System.Text;
using System.Text.Json;
using Tally.Data.Cluster;

namespace Tally.Cli.Bench;

internal sealed record ScenarioResult(string Name, string Description, int Requests, int Errors, double RatePerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs);

internal sealed record BenchReport(
    DateTimeOffset At, string Commit, string Machine, string Scale, BenchContext Studios, double DurationSeconds, IReadOnlyList<ScenarioResult> Results,
    AuditFigures? Audit = null)
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
        sb.AppendLine(ci, $"- method: end to end over HTTP on loopback, app and database on the same machine, warm, fixed request rate (open loop: a pacing thread starts each request when it is due, and latency counts from then), {DurationSeconds:0} s per scenario");
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
        SearchBench.Append(sb, Results);
        AppendAudit(sb);
        AnalyticsBench.AppendReport(sb, Results);
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

    /// <summary>The audit trail (issue 5): each figure that ran, its goal beside it.</summary>
    private void AppendAudit(StringBuilder sb)
    {
        var ci = CultureInfo.InvariantCulture;
        var with = Results.FirstOrDefault(r => r.Name == "audit-update-trigger");
        var without = Results.FirstOrDefault(r => r.Name == "audit-update-no-trigger");
        var history = Results.FirstOrDefault(r => r.Name == "audit-history-largest");
        if (with is null && without is null && history is null && Audit is null)
        {
            return;
        }
        sb.AppendLine();
        sb.AppendLine("## Audit trail");
        sb.AppendLine();
        sb.AppendLine("| figure | value | goal |");
        sb.AppendLine("|---|---:|---|");
        if (Audit?.AuditRowsInDatabase is { } trail)
        {
            sb.AppendLine(ci, $"| the trail: rows in audit_log | {trail:N0} | 10M at the large scale |");
        }
        if (with is not null)
        {
            sb.AppendLine(ci, $"| single-row update, audit trigger on: p95 | {with.P95Ms:0.00} ms | ≤ 2 ms |");
        }
        if (without is not null)
        {
            sb.AppendLine(ci, $"| the same update, trigger disabled: p95 | {without.P95Ms:0.00} ms | (baseline) |");
        }
        if (with is not null && without is not null)
        {
            sb.AppendLine(ci, $"| added by the trigger: p95 difference | {with.P95Ms - without.P95Ms:+0.00;-0.00;0.00} ms | ≤ 1 ms |");
        }
        if (Audit is { InsertsPerSecondAudited: { } on, InsertsPerSecondUnaudited: { } off })
        {
            sb.AppendLine(ci, $"| inserts/s, 2 writers, audited | {on:N0} | (no goal; compare) |");
            sb.AppendLine(ci, $"| inserts/s, 2 writers, trigger disabled | {off:N0} | (baseline) |");
            sb.AppendLine(ci, $"| audited over unaudited | {on / off:0.00}× | |");
        }
        if (Audit is { SealMs: { } seal, VerifyMs: { } verify })
        {
            sb.AppendLine(ci, $"| seal the largest studio's pending rows ({Audit.RowsSealedNow:N0} rows) | {seal / 1000:0.00} s | (no goal) |");
            sb.AppendLine(ci, $"| verify the largest studio's chain ({Audit.ChainRows:N0} rows, {(Audit.ChainOk == true ? "ok" : "BROKEN")}) | {verify / 1000:0.00} s | (no goal) |");
        }
        if (history is not null)
        {
            sb.AppendLine(ci, $"| history endpoint GET /api/v1/audit/leads/{{id}}: p95 | {history.P95Ms:0.00} ms | ≤ 10 ms |");
        }
        sb.AppendLine();
        if (with is not null || without is not null)
        {
            sb.AppendLine(ci, $"The updates are measured over Npgsql at {(with ?? without)!.RatePerSecond:0}/s as tally_app with the owner's claims set first (BEGIN; set_config; UPDATE; COMMIT), latency including the round trips.");
            sb.AppendLine("The two sides ran one after the other, each warm, not interleaved: the trigger can only be switched off table-wide (ALTER TABLE … DISABLE TRIGGER, as the owner), and session_replication_role needs a superuser; so machine noise may differ between them.");
            sb.AppendLine();
        }
        if (Audit?.InsertsPerSecondAudited is not null)
        {
            sb.AppendLine(ci, $"Inserts: two connections as tally_app, one lead_interactions row per transaction (claims set first), as fast as they go for {Audit.InsertSecondsEachWay:0} s each way (trigger on, then off).");
            sb.AppendLine("The inserted rows were deleted afterwards by the owner; the audit rows of their inserts (and of the deletions) stay, as the trail is append-only.");
            sb.AppendLine();
        }
        if (Audit?.SealMs is not null)
        {
            sb.AppendLine(ci, $"Seal and verify: audit.seal in batches of 50,000 until nothing is pending, then audit.verify, as the owner; the database holds {Audit.AuditRowsInDatabase:N0} audit rows in all.");
        }
    }
}
