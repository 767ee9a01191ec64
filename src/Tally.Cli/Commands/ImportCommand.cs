using System.CommandLine;
using Npgsql;
using Spectre.Console;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;
using Tally.Data.Import;

namespace Tally.Cli.Commands;

/// <summary>
/// `./tally import leads|clients FILE --studio SLUG [--dry-run]`: a CSV file into one studio, all
/// or nothing (docs/import.md). Every problem of the file goes to stderr as "line N, column: what",
/// with exit code 1; a dry run checks everything and writes nothing. The CLI is the owner role,
/// which row-level security does not bind, so the studio is named explicitly in every statement and
/// the transaction carries the system identity of that one studio for the audit trail.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import", "Import leads or clients from a CSV file into a studio (all or nothing).");
        command.Subcommands.Add(For(ImportKind.Leads));
        command.Subcommands.Add(For(ImportKind.Clients));
        return command;
    }

    private static Command For(ImportKind kind)
    {
        var name = ImportColumns.Name(kind);
        var file = new Argument<FileInfo>("FILE") { Description = $"The CSV file: a header row with the {name} columns of docs/import.md, then one row per {name[..^1]}" };
        var studio = new Option<string>("--studio") { Description = "The studio's slug, e.g. aurora-studio", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report, write nothing" };
        var command = new Command(name, $"Import {name} from a CSV file.") { file, studio, dryRun };
        command.SetAction(async (parse, ct) =>
            await RunAsync(kind, parse.GetValue(file)!, parse.GetValue(studio)!, parse.GetValue(dryRun), ct));
        return command;
    }

    private static async Task<int> RunAsync(ImportKind kind, FileInfo file, string slug, bool dryRun, CancellationToken ct)
    {
        if (!file.Exists)
        {
            throw new UserFacingException($"no file at {file.FullName}.");
        }
        var owner = await OwnerConnectionStringAsync(ct);
        await using var conn = new NpgsqlConnection(owner);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (studioId, currency) = await FindStudioAsync(conn, slug, ct);
        await using (var claims = new NpgsqlCommand("SELECT set_config('request.jwt.claims', $1, true)", conn))
        {
            claims.Parameters.Add(new() { Value = $$"""{"role":"system","studio_id":"{{studioId}}","email":"system:import"}""" });
            await claims.ExecuteNonQueryAsync(ct);
        }

        ImportResult result;
        await using (var stream = file.OpenRead())
        {
            result = await WithProgressAsync(kind, progress => ImportRun.ExecuteAsync(conn, studioId, currency, kind, stream, dryRun, progress, ct));
        }
        var batch = result.Batch;
        var name = ImportColumns.Name(kind);
        if (batch.Problems.Count > 0)
        {
            foreach (var problem in batch.Problems)
            {
                Console.Error.WriteLine(problem.ToString());
            }
            Console.Error.WriteLine($"tally: {file.Name} has {batch.Problems.Count} problem(s) in {batch.RowCount} row(s); nothing was imported.");
            return 1;
        }
        if (dryRun)
        {
            Console.Out.WriteLine($"Dry run: all {batch.RowCount} {name} of {file.Name} can be imported into {slug}; nothing was written.");
            return 0;
        }
        await tx.CommitAsync(ct);
        Console.Out.WriteLine($"Imported {result.Written} {name} into {slug}.");
        return 0;
    }

    private static async Task<ImportResult> WithProgressAsync(ImportKind kind, Func<IProgress<ImportProgress>, Task<ImportResult>> work)
    {
        ImportResult? result = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var checking = context.AddTask("checking the file", maxValue: 1);
                ProgressTask? writing = null;
                result = await work(new SynchronousProgress<ImportProgress>(p =>
                {
                    if (p.Phase == ImportPhase.Checking)
                    {
                        checking.MaxValue = Math.Max(1, p.Total);
                        checking.Value = p.Done;
                        return;
                    }
                    checking.Value = checking.MaxValue;
                    writing ??= context.AddTask($"writing {ImportColumns.Name(kind)}", maxValue: Math.Max(1, p.Total));
                    writing.Value = p.Done;
                }));
                checking.Value = checking.MaxValue;
            });
        return result!;
    }

    private static async Task<(Guid Id, string Currency)> FindStudioAsync(NpgsqlConnection conn, string slug, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT id, default_currency::text FROM studios WHERE slug = $1", conn)
        {
            Parameters = { new() { Value = slug } },
        };
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new UserFacingException($"there is no studio with the slug '{slug}'.");
        }
        return (reader.GetGuid(0), reader.GetString(1));
    }

    /// <summary>The owner role, as for tokens: ConnectionStrings__TallyOwner when set, else the local cluster.</summary>
    private static async Task<string> OwnerConnectionStringAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("ConnectionStrings__TallyOwner") is { Length: > 0 } owner)
        {
            return owner;
        }
        if (DatabaseTarget.ExternalAppConnectionString is not null)
        {
            throw new UserFacingException("importing needs the owner role: set ConnectionStrings__TallyOwner.");
        }
        return (await DatabaseTarget.ResolveAsync(TallyHome.FromEnvironment(), ct)).OwnerConnectionString;
    }

    /// <summary>Reports on the caller's thread, unlike Progress&lt;T&gt; which posts to the thread pool.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
