using System.CommandLine;
using System.Diagnostics;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;

namespace Tally.Cli.Commands;

/// <summary>
/// `./tally test`: installs what the suite needs (PostgreSQL, Chromium), checks formatting, then
/// runs every test project. Exit code is non-zero on any failure.
/// </summary>
internal static class TestCommand
{
    public const string Chromium = "/usr/bin/chromium";

    public static Command Create()
    {
        var filter = new Option<string?>("--filter") { Description = "Run only the tests that match (dotnet test --filter syntax)" };
        var command = new Command("test", "Run the whole test suite against a real PostgreSQL and Chromium (both installed if missing).") { filter };
        command.SetAction(async (parse, ct) =>
        {
            await PostgresBinaries.EnsureAsync(Say.Line, ct);
            if (!File.Exists(Chromium))
            {
                Say.Line("Installing Chromium from Debian's packages (apt-get) for the browser tests...");
                await PostgresBinaries.AptInstallAsync(["chromium"], ct);
            }

            var home = TallyHome.FromEnvironment();
            home.EnsureWritable();
            var env = new Dictionary<string, string> { ["TALLY_TEST_HOME"] = Path.Combine(home.Root, "test") };
            var sln = Path.Combine(RepoPaths.Root, "Tally.slnx");

            if (parse.GetValue(filter) is not { } only)
            {
                Say.Line("Checking formatting (dotnet format --verify-no-changes)...");
                if (await RunAsync(["format", sln, "--verify-no-changes", "-v", "q"], env, ct) != 0)
                {
                    Say.Line("tally: formatting differs from .editorconfig: run `dotnet format Tally.slnx` and commit the result.");
                    return 1;
                }
                return await RunAsync(["test", sln, "-c", RepoPaths.BuildConfiguration, "--nologo"], env, ct);
            }
            return await RunAsync(["test", sln, "-c", RepoPaths.BuildConfiguration, "--nologo", "--filter", only], env, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(IEnumerable<string> args, Dictionary<string, string> env, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }
        using var process = Process.Start(psi) ?? throw new UserFacingException("could not start dotnet");
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }
}
