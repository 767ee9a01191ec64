using Tally.Data.Cluster;

namespace Tally.Cli.Bench;

/// <summary>What a benchmark ran on, for the report.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = Read("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = Read("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim().Split(' ')[0];
        var memGiB = long.TryParse(memKb, out var kb) ? kb / 1024.0 / 1024.0 : 0;
        var os = Read("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memGiB:0} GiB, {os}, .NET {Environment.Version}";
    }

    public static async Task<string> CommitAsync(CancellationToken ct)
    {
        var head = await ProcessRunner.RunAsync("git", ["-C", RepoPaths.Root, "rev-parse", "--short", "HEAD"], ct);
        var dirty = await ProcessRunner.RunAsync("git", ["-C", RepoPaths.Root, "status", "--porcelain", "--untracked-files=no"], ct);
        var commit = head.Ok ? head.Output.Trim() : "unknown";
        return dirty.Ok && dirty.Output.Trim().Length > 0 ? commit + "-dirty" : commit;
    }

    private static IEnumerable<string> Read(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
