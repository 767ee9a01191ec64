using Dapper;
using Npgsql;
using Tally.Tests.Cli;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Audit;

/// <summary>`./tally audit verify` and `./tally audit head`, as a person runs them.</summary>
public sealed class AuditCommandTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Verify_IntactThenTampered_ExitsZeroThenOneNamingTheRow_HeadPrintsTheHead()
    {
        await using (var owner = await db.OpenOwnerAsync())
        {
            await owner.ExecuteAsync("""
                INSERT INTO studios (id, slug, name, timezone) VALUES ('00000000-0000-7000-8000-00000000c11a', 'cli-studio', 'Cli', 'UTC');
                UPDATE studios SET name = 'Cli Studio' WHERE slug = 'cli-studio';
                """);
        }

        var intact = await RunAsync("audit", "verify", "--studio", "cli-studio");
        var head = await RunAsync("audit", "head", "--studio", "cli-studio");
        await using (var superuser = new NpgsqlConnection(db.SuperuserConnectionString))
        {
            await superuser.ExecuteAsync("UPDATE audit_log SET action = 'forged' WHERE seq = 2 AND studio_id = '00000000-0000-7000-8000-00000000c11a'");
        }
        var tampered = await RunAsync("audit", "verify", "--studio", "cli-studio");

        Assert.True(intact.ExitCode == 0, intact.Stderr);
        Assert.StartsWith("cli-studio: ok, 2 entries, head seq 2 ", intact.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, head.ExitCode);
        Assert.Matches(@"^cli-studio\t2\t[0-9a-f]{64}\t", head.Stdout);
        Assert.Equal(1, tampered.ExitCode);
        Assert.StartsWith("cli-studio: BROKEN at seq 2 ", tampered.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_UnknownStudio_OneLineExitOne()
    {
        var (code, stdout, stderr) = await RunAsync("audit", "verify", "--studio", "no-such-studio");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("no studio with the slug 'no-such-studio'", stderr, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__TallyOwner"] = db.OwnerConnectionString }, args);
}
