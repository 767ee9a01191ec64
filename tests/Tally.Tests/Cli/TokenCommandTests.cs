using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Tally.Data.Security;
using Tally.Tests.Web;

namespace Tally.Tests.Cli;

/// <summary>`./tally token create`: the token alone on stdout, usable at once; mistakes in one line.</summary>
public sealed class TokenCommandTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task TokenCreate_KnownMember_PrintsOnlyATokenThatWorksAsBearer()
    {
        var (code, stdout, stderr) = await RunAsync("token", "create", "--studio", "aurora-studio", "--email", "staff@aurora-studio.test", "--name", "ci import");

        Assert.True(code == 0, stderr);
        var token = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(AccessTokens.IsWellFormed(token), token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/studios/aurora-studio/leads");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);
        await using var owner = await app.Database.OpenOwnerAsync();
        var row = await owner.QuerySingleAsync<(string Name, string Role, string Hash)>(
            "SELECT name, role, token_hash FROM api_tokens WHERE token_prefix = @prefix", new { prefix = AccessTokens.DisplayPrefix(token) });
        Assert.Equal(("ci import", "staff", AccessTokens.Hash(token)), row);
    }

    [Fact]
    public async Task TokenCreate_LowerRole_GetsThatRole()
    {
        var (code, stdout, _) = await RunAsync("token", "create", "--studio", "aurora-studio", "--email", "owner@aurora-studio.test", "--role", "bookkeeper");

        Assert.Equal(0, code);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal("bookkeeper", await owner.QuerySingleAsync<string>(
            "SELECT role FROM api_tokens WHERE token_prefix = @prefix", new { prefix = AccessTokens.DisplayPrefix(stdout.Trim()) }));
    }

    [Theory]
    [InlineData("no-such-studio", "owner@aurora-studio.test", null, "no studio with the slug 'no-such-studio'")]
    [InlineData("aurora-studio", "nobody@aurora-studio.test", null, "has no team member with the email 'nobody@aurora-studio.test'")]
    [InlineData("north-light", "owner@aurora-studio.test", null, "has no team member")]
    [InlineData("aurora-studio", "staff@aurora-studio.test", "owner", "cannot have the role owner")]
    public async Task TokenCreate_Mistake_OneLineOnStderrExitOneNothingOnStdout(string studio, string email, string? role, string expected)
    {
        string[] args = role is null
            ? ["token", "create", "--studio", studio, "--email", email]
            : ["token", "create", "--studio", studio, "--email", email, "--role", role];

        var (code, stdout, stderr) = await RunAsync(args);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_WithoutStudio_IsAUsageError()
    {
        var (code, stdout, _) = await RunAsync("token", "create", "--email", "owner@aurora-studio.test");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
    }

    /// <summary>The CLI against this test's database as the owner, the way an operator points it at production.</summary>
    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__TallyOwner"] = app.Database.OwnerConnectionString }, args);
}

/// <summary>`./tally token create` without ConnectionStrings__TallyOwner: the local cluster of $TALLY_HOME, as the owner.</summary>
public sealed class TokenCommandLocalClusterTests : IAsyncLifetime
{
    private readonly string _home = Path.Combine("/var/tmp", "tally-token-test-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await CliProcess.RunAsync(Env(), "down");
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public async Task TokenCreate_LocalCluster_PrintsOneTokenStoredThere()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(Env(), "seed")).ExitCode);

        var (code, stdout, stderr) = await CliProcess.RunAsync(Env(), "token", "create", "--studio", "north-light", "--email", "owner@north-light.test");

        Assert.True(code == 0, stderr);
        var token = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(AccessTokens.IsWellFormed(token), token);
        var cluster = new Data.Cluster.LocalCluster(new Data.Cluster.TallyHome(_home), _ => { });
        await cluster.EnsureRunningAsync();
        await using var conn = new Npgsql.NpgsqlConnection(cluster.OwnerConnectionString());
        Assert.Equal("owner", await conn.QuerySingleAsync<string>("SELECT role FROM api_tokens WHERE token_hash = @hash", new { hash = AccessTokens.Hash(token) }));
    }

    private Dictionary<string, string> Env() => new() { ["TALLY_HOME"] = _home };
}
