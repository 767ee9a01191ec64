using System.CommandLine;
using System.Runtime.InteropServices;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;
using Tally.Data.Seeding;

namespace Tally.Cli.Commands;

/// <summary>`./tally up`: database ready, migrations applied, demo data on first start, app served.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var command = new Command("up", "Start Tally: local PostgreSQL (installed if missing), migrations, demo data on first start, the app on http://127.0.0.1:5080.");
        command.SetAction((_, ct) => RunAsync(ct));
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken ct)
    {
        var home = TallyHome.FromEnvironment();
        var urls = Urls.FromEnvironment();
        Urls.EnsurePortsFree(urls);

        var target = await DatabaseTarget.ResolveAsync(home, ct);
        MigrateCommand.Apply(target.OwnerConnectionString);
        if (target.IsLocal && await DemoSeeder.SeedSmallAsync(target.OwnerConnectionString, ct))
        {
            Say.Line("Seeded the demo studios.");
        }
        await SearchIndexesCommand.SyncAsync(target.OwnerConnectionString, ct);

        await using var web = WebProcess.Start(urls, target.AppConnectionString, home, quiet: false);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Ctrl-C reaches the app too (same process group); SIGTERM to the CLI is passed on.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopping.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });

        try
        {
            await web.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), stopping.Token);
            PrintBanner(web.BaseAddress, target.IsLocal, home);
            await web.Exited.WaitAsync(stopping.Token);
            return web.ExitCode == 0 ? 0 : 1;
        }
        catch (OperationCanceledException)
        {
            Say.Line("Stopping Tally. The database keeps running; `./tally down` stops it.");
            await web.StopAsync();
            return 0;
        }
    }

    private static void PrintBanner(Uri url, bool local, TallyHome home)
    {
        Console.WriteLine();
        Console.WriteLine($"Tally is running at {url}");
        Console.WriteLine($"  API reference: {new Uri(url, "/api/reference")}");
        Console.WriteLine(WebProcess.UsesSmtpRelay
            ? "  Mail: sent through the SMTP relay of Smtp__Host"
            : $"  Mail: kept on this machine, one .eml file per message, in {WebProcess.MailDirectory(home)}");
        if (local)
        {
            Console.WriteLine($"  Data: {home.Root} (./tally psql opens the database, ./tally down stops it)");
            Console.WriteLine("  Demo admin logins:");
            foreach (var login in DemoSeeder.Logins)
            {
                Console.WriteLine($"    {login.Email,-34} {login.Password,-18} {login.Role} of {login.StudioSlug}");
            }
        }
        Console.WriteLine("Press Ctrl-C to stop.");
    }
}
