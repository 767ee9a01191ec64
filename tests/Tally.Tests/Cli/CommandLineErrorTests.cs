using System.Net;
using System.Net.Sockets;

namespace Tally.Tests.Cli;

/// <summary>Bad situations: one line naming the fix, a non-zero exit, never a stack trace.</summary>
public sealed class CommandLineErrorTests
{
    [Fact]
    public async Task UnknownCommand_ExitsTwoWithOneLine()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(new Dictionary<string, string>(), "frobnicate");

        Assert.Equal(2, code);
        AssertOneLine(stderr, "frobnicate");
    }

    [Fact]
    public async Task UnknownOption_ExitsTwoWithOneLine()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(new Dictionary<string, string>(), "seed", "--scale", "huge");

        Assert.Equal(2, code);
        AssertOneLine(stderr, "huge");
    }

    [Fact]
    public async Task Up_HomeNotWritable_SaysSo()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(new Dictionary<string, string>
        {
            // A folder inside a file can never be created, even by root.
            ["TALLY_HOME"] = "/etc/hostname/tally",
            ["TALLY_URLS"] = $"http://127.0.0.1:{FreePort()}",
        }, "up");

        Assert.Equal(1, code);
        AssertOneLine(stderr, "is not writable");
    }

    [Fact]
    public async Task Migrate_DatabaseUnreachable_SaysSo()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Tally"] = $"Host=127.0.0.1;Port={FreePort()};Username=tally_app;Password=x;Database=tally;Timeout=3",
        }, "migrate");

        Assert.Equal(1, code);
        AssertOneLine(stderr, "is unreachable");
    }

    [Fact]
    public async Task Up_NoPostgresAndNoApt_SaysWhatToInstall()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(new Dictionary<string, string>
        {
            ["TALLY_HOME"] = Path.Combine("/var/tmp", "tally-nopg-" + Guid.NewGuid().ToString("N")[..8]),
            ["TALLY_PG_BIN"] = "/nonexistent/postgresql/bin",
            ["TALLY_URLS"] = $"http://127.0.0.1:{FreePort()}",
            ["PATH"] = "/nonexistent",
        }, "up");

        Assert.Equal(1, code);
        AssertOneLine(stderr, "apt-get is not available");
    }

    private static void AssertOneLine(string stderr, string expected)
    {
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("tally: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Tally.", stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
