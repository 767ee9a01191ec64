using System.CommandLine;
using Npgsql;
using Tally.Cli.Commands;
using Tally.Data.Cluster;

namespace Tally.Cli;

/// <summary>The `./tally` commands. Failures a person can fix print one line and exit non-zero.</summary>
public static class TallyCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Tally: studio management for photographers. Run `./tally up` to start, `./tally test` to test.")
        {
            UpCommand.Create(),
            DownCommand.Create(),
            TestCommand.Create(),
            PsqlCommand.Create(),
            MigrateCommand.Create(),
            SeedCommand.Create(),
            BenchCommand.Create(),
            TokenCommand.Create(),
            AuditCommand.Create(),
            ImportCommand.Create(),
            AnalyticsCommand.Create(),
            SearchIndexesCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // "Unrecognized …" names what was typed wrong; prefer it to the generic complaints.
            var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            var message = string.Join(' ', error.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));
            Console.Error.WriteLine($"tally: {message} (run ./tally --help for the commands and options)");
            return 2;
        }

        using var cts = new CancellationTokenSource();
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cts.Token);
        }
        catch (UserFacingException ex)
        {
            Console.Error.WriteLine($"tally: {ex.Message}");
            return ex.ExitCode;
        }
        catch (NpgsqlException ex) when (ex.InnerException is System.Net.Sockets.SocketException or TimeoutException || ex.SqlState is "28P01" or "3D000")
        {
            Console.Error.WriteLine($"tally: the database is unreachable ({ex.Message}): check ConnectionStrings__Tally, or unset it to use the local cluster.");
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }
}
