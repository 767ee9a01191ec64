namespace Tally.Cli.Bench;

/// <summary>The studios a benchmark run measures: the largest (the worst case) and a typical one.</summary>
internal sealed record BenchContext(string LargestStudio, long LargestStudioLeads, string TypicalStudio, long TypicalStudioLeads);

/// <summary>One measured request shape. <c>Path</c> gets the request number, so pages can vary.</summary>
internal sealed record BenchScenario(string Name, string Description, Func<BenchContext, int, string> Path)
{
    /// <summary>Every scenario `./tally bench` knows; later features add theirs here.</summary>
    public static readonly IReadOnlyList<BenchScenario> All =
    [
        new("leads-page-largest", "Admin leads list page (HTML), largest studio, pages 1-5",
            (c, i) => $"/leads?studio={c.LargestStudio}&page={1 + (i % 5)}"),
        new("leads-page-typical", "Admin leads list page (HTML), a typical studio, page 1",
            (c, _) => $"/leads?studio={c.TypicalStudio}"),
        new("leads-api-largest", "GET /api/v1/studios/{slug}/leads, largest studio, pages 1-5",
            (c, i) => $"/api/v1/studios/{c.LargestStudio}/leads?page={1 + (i % 5)}&pageSize=50"),
    ];
}
