namespace Tally.Cli.Bench;

/// <summary>
/// The floor under every other figure: what a request costs on this machine before any feature
/// runs. An anonymous liveness probe (HTTP, routing, the load driver itself; no database) and the
/// lightest authenticated API call (token check, claims, one small query). A page's p95 cannot
/// be read without these: on two cores shared by the driver, the app and PostgreSQL, part of every
/// tail is scheduling, not the feature.
/// </summary>
internal static class BaselineBench
{
    public static IReadOnlyList<BenchScenario> Scenarios =>
    [
        new("baseline-health", "GET /health/live: no sign-in, no database; the HTTP and load-driver floor",
            (t, _, ct) => t.GetAsync(false, BenchStudio.Largest, "/health/live", ct)),
        new("baseline-api", "GET /api/v1/studios/ as the largest studio's owner: token check, claims, one small query",
            (t, _, ct) => t.GetAsync(false, BenchStudio.Largest, "/api/v1/studios/", ct)),
    ];
}
