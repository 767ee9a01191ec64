using System.Diagnostics;
using System.Text.Json;
using Tally.Data.Cluster;

namespace Tally.Tests.Web;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_NoConnectionString_ExitsWithOneClearLogLine()
    {
        // Run the built app the way ./tally does: dotnet <dll>, from src/Tally.Web.
        var start = new ProcessStartInfo("dotnet", [RepoPaths.WebAssembly, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = RepoPaths.WebContentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("ConnectionStrings__Tally");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", (await stderr).Trim());
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal("Critical", line.GetProperty("LogLevel").GetString());
        Assert.Contains("ConnectionStrings:Tally is not set", line.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }
}
