using System.Net;
using System.Net.Sockets;
using Npgsql;
using Tally.Data.Cluster;
using Tally.Data.Seeding;
using Tally.Tests.Web;

namespace Tally.Tests.Cli;

/// <summary>`./tally up` end to end: a real cluster in a fresh home, the app served, data kept.</summary>
public sealed class UpCommandTests : IAsyncLifetime
{
    private readonly string _home = Path.Combine("/var/tmp", "tally-up-test-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await CliProcess.RunAsync(Env(LocalCluster.FreePort()), "down");
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public async Task Up_Twice_KeepsDataAndSeedsOnlyOnce()
    {
        var port = LocalCluster.FreePort();
        using (var first = CliProcess.Start(Env(port), "up"))
        {
            await first.WaitForOutputAsync("Tally is running at", TimeSpan.FromMinutes(3));
            Assert.Contains("owner@", first.Stdout, StringComparison.Ordinal);
            // After the migrations, the large studios' search indexes (none are due in the demo).
            Assert.Contains("Search indexes: up to date.", first.Stderr, StringComparison.Ordinal);
            Assert.Contains($"Mail: kept on this machine, one .eml file per message, in {Path.Combine(_home, "mail")}", first.Stdout, StringComparison.Ordinal);
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"))).StatusCode);

            await using var conn = await OpenOwnerAsync();
            await using var rename = new NpgsqlCommand("UPDATE studios SET name = 'Kept Across Restarts' WHERE slug = 'aurora-studio'", conn);
            Assert.Equal(1, await rename.ExecuteNonQueryAsync());

            first.Interrupt();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        using (var second = CliProcess.Start(Env(port), "up"))
        {
            await second.WaitForOutputAsync("Tally is running at", TimeSpan.FromMinutes(2));
            Assert.DoesNotContain("Seeded the demo studios", second.Stderr, StringComparison.Ordinal);
            // The demo owner signs in with the printed password, then sees their studio.
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var signedIn = await HtmlForms.SignInAsync(http, DemoSeeder.Logins[0].Email, DemoSeeder.Logins[0].Password);
            Assert.Equal("/dashboard", signedIn.RequestMessage?.RequestUri?.AbsolutePath);
            var page = await http.GetStringAsync("/leads");
            Assert.Contains("Kept Across Restarts", page, StringComparison.Ordinal);

            await using var conn = await OpenOwnerAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM studios", conn);
            Assert.Equal(2L, await count.ExecuteScalarAsync());
            second.Interrupt();
            Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public async Task Up_PortTaken_PrintsOneClearLineAndFails()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var (code, _, stderr) = await CliProcess.RunAsync(Env(port), "up");

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"port {port} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("TALLY_URLS=", line, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Env(int port) => new()
    {
        ["TALLY_HOME"] = _home,
        ["TALLY_URLS"] = $"http://127.0.0.1:{port}",
    };

    private async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var cluster = new LocalCluster(new TallyHome(_home), _ => { });
        await cluster.EnsureRunningAsync();
        var conn = new NpgsqlConnection(cluster.OwnerConnectionString());
        await conn.OpenAsync();
        return conn;
    }
}
