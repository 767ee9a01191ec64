namespace Tally.Cli.Bench;

/// <summary>The studios a benchmark run measures: the largest (the worst case) and a typical one.</summary>
internal sealed record BenchContext(string LargestStudio, long LargestStudioLeads, string TypicalStudio, long TypicalStudioLeads);

/// <summary>Which studio's owner a scenario's requests act as.</summary>
internal enum BenchStudio
{
    Largest,
    Typical,
}

/// <summary>
/// One measured request shape: <c>Send</c> makes request number i (so pages can vary) against the
/// targets and answers whether it succeeded. <c>Around</c>, when set, runs before the scenario's
/// warm-up and what it returns is disposed after its measurement (to change and restore a setting).
/// <c>Rate</c>, when set, replaces the run's request rate for a scenario too slow to take it (a
/// baseline that scans).
/// </summary>
internal sealed record BenchScenario(
    string Name, string Description, Func<BenchTargets, int, CancellationToken, Task<bool>> Send, bool NeedsOwnerApp = false,
    Func<BenchTargets, CancellationToken, Task<IAsyncDisposable?>>? Around = null, double? Rate = null)
{
    /// <summary>Every scenario `./tally bench` knows; later features add theirs here.</summary>
    public static readonly IReadOnlyList<BenchScenario> All =
    [
        // The floor: what any request costs here before a feature runs (BaselineBench).
        .. BaselineBench.Scenarios,
        Http("leads-page-largest", "Admin leads list page (HTML), largest studio, pages 1-5 by their keyset cursors",
            BenchStudio.Largest, LeadsPages, around: (t, ct) => t.Leads.PrepareAsync("", 5, ct)),
        Http("leads-page-typical", "Admin leads list page (HTML), a typical studio, page 1",
            BenchStudio.Typical, (c, _) => "/leads"),
        Http("leads-api-largest", "GET /api/v1/studios/{slug}/leads, largest studio, pages 1-5 by their keyset cursors: the app as tally_app, row-level security on",
            BenchStudio.Largest, LeadsApi, around: (t, ct) => t.Leads.PrepareAsync("", 5, ct)),
        // The cost of the policies: the same requests with row-level security out of the way.
        Http("leads-api-largest-owner", "The same requests to a second app instance connected as tally_owner (BYPASSRLS): no policies",
            BenchStudio.Largest, LeadsApi, ownerApp: true, around: (t, ct) => t.Leads.PrepareAsync("", 5, ct)),
        new("leads-sql-largest-rls", "The endpoint's queries over Npgsql as tally_app, claims set first (as TallyDb does), largest studio, pages 1-5 by keyset",
            (t, i, ct) => t.LeadsSqlAsync(asOwner: false, page: 1 + (i % 5), ct), Around: PrepareAnchorsAsync),
        new("leads-sql-largest-owner", "The same transactions as tally_owner (BYPASSRLS): the policies' baseline",
            (t, i, ct) => t.LeadsSqlAsync(asOwner: true, page: 1 + (i % 5), ct), Around: PrepareAnchorsAsync),
        // The leads list with a filter (issue 4's goal: p95 <= 10 ms): its first page, and page 50
        // reached by following `next` (prepared before the measurement).
        Http("leads-api-filtered-first", $"GET /api/v1/studios/{{slug}}/leads?{LeadsBench.Filter}, largest studio, first page of 50",
            BenchStudio.Largest, (c, _) => $"/api/v1/studios/{c.LargestStudio}/leads?limit=50&{LeadsBench.Filter}"),
        new("leads-api-filtered-deep", $"GET /api/v1/studios/{{slug}}/leads?{LeadsBench.Filter}, largest studio, page {LeadsBench.DeepPage} by its keyset cursor",
            (t, _, ct) => t.GetAsync(false, BenchStudio.Largest, t.Leads.ApiPath(LeadsBench.Filter, LeadsBench.DeepPage), ct),
            Around: (t, ct) => t.Leads.PrepareAsync(LeadsBench.Filter, LeadsBench.DeepPage, ct)),
        Http("leads-page-filtered-first", $"Admin leads list page (HTML) ?{LeadsBench.Filter}, largest studio, first page",
            BenchStudio.Largest, (_, _) => $"/leads?{LeadsBench.Filter}"),
        new("leads-page-filtered-deep", $"Admin leads list page (HTML) ?{LeadsBench.Filter}, largest studio, page {LeadsBench.DeepPage} by its keyset cursor",
            (t, _, ct) => t.GetAsync(false, BenchStudio.Largest, t.Leads.PagePath(LeadsBench.Filter, LeadsBench.DeepPage), ct),
            Around: (t, ct) => t.Leads.PrepareAsync(LeadsBench.Filter, LeadsBench.DeepPage, ct)),
        // Search (docs/search.md, SearchBench): each kind of query the header box sends, beside a naive ILIKE.
        .. SearchBench.Scenarios(),
        // The audit trail (docs/audit.md, AuditBench): a single-row update with the trigger and without,
        // one after the other (see AuditBench for why not side by side), then the history endpoint.
        new("audit-update-trigger", "UPDATE leads SET status of a random lead (pool of 1,000), largest studio, as tally_app with admin claims set first, audit trigger on",
            (t, i, ct) => t.Audit.UpdateAsync(i, ct)),
        new("audit-update-no-trigger", "The same updates with leads_audit disabled by the owner for this scenario only (re-enabled after): the trigger's baseline",
            (t, i, ct) => t.Audit.UpdateAsync(i, ct), Around: async (t, ct) => await t.Audit.WithoutTriggerAsync("leads", ct)),
        new("audit-history-largest", "GET /api/v1/audit/leads/{id}, largest studio, 100 leads with at least 3 audited changes each",
            (t, i, ct) => t.GetAsync(false, BenchStudio.Largest, $"/api/v1/audit/leads/{t.Audit.HistoryLeads[i % t.Audit.HistoryLeads.Count]}", ct),
            Around: (t, ct) => t.Audit.PrepareHistoryAsync(ct)),
        // Clients (docs/clients-and-sessions.md): the detail page of the client with the most sessions.
        new("client-detail-largest", "Admin client page (HTML), largest studio, its client with the most sessions: contact, latest 50 sessions and their count",
            (t, _, ct) => t.GetAsync(false, BenchStudio.Largest, ClientDetailBench.Path, ct), Around: ClientDetailBench.PrepareAsync),
        .. AnalyticsBench.Scenarios,
    ];

    /// <summary>p95 of the first scenario over p95 of the second: what row-level security costs (goal ≤ 1.2×).</summary>
    public static readonly IReadOnlyList<(string Label, string WithPolicies, string Baseline)> RlsComparisons =
    [
        ("leads endpoint over HTTP, app as tally_app vs app as owner", "leads-api-largest", "leads-api-largest-owner"),
        ("leads queries over Npgsql, tally_app with claims vs owner", "leads-sql-largest-rls", "leads-sql-largest-owner"),
        ("leads endpoint over HTTP (RLS) vs its queries as owner over Npgsql", "leads-api-largest", "leads-sql-largest-owner"),
    ];

    /// <summary>
    /// Scenarios measured side by side, their requests interleaved at the same rate: on a shared
    /// two-core machine the noise then falls on both alike, and their ratio means something.
    /// </summary>
    public static readonly IReadOnlyList<string[]> SideBySide =
    [
        ["leads-api-largest", "leads-api-largest-owner"],
        ["leads-sql-largest-rls", "leads-sql-largest-owner"],
        AnalyticsBench.SideBySide,
    ];

    private static string LeadsApi(BenchTargets t, int i) => t.Leads.ApiPath("", 1 + (i % 5));

    private static string LeadsPages(BenchTargets t, int i) => t.Leads.PagePath("", 1 + (i % 5));

    private static async Task<IAsyncDisposable?> PrepareAnchorsAsync(BenchTargets t, CancellationToken ct) =>
        await t.Leads.PrepareAnchorsAsync(t.Owner, await t.LargestStudioIdAsync(ct), ct);

    private static BenchScenario Http(string name, string description, BenchStudio studio, Func<BenchContext, int, string> path, bool ownerApp = false) =>
        new(name, description, (t, i, ct) => t.GetAsync(ownerApp, studio, path(t.Context, i), ct), ownerApp);

    private static BenchScenario Http(string name, string description, BenchStudio studio, Func<BenchTargets, int, string> path,
        Func<BenchTargets, CancellationToken, Task<IAsyncDisposable?>> around, bool ownerApp = false) =>
        new(name, description, (t, i, ct) => t.GetAsync(ownerApp, studio, path(t, i), ct), ownerApp, around);
}
