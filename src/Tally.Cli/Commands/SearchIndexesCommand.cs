using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;
using Tally.Data.Search;

namespace Tally.Cli.Commands;

/// <summary>
/// `./tally search-indexes [--min-rows N]`: gives every studio with at least N rows of leads,
/// clients or sessions its own search index of that table, and drops those of studios that shrank
/// (StudioSearchIndexes). Migrate, up and the large seed run it too; run it after a large import.
/// </summary>
internal static class SearchIndexesCommand
{
    public static Command Create()
    {
        var minRows = new Option<int>("--min-rows")
        {
            Description = "A studio gets its own index of a table from this many rows of it",
            DefaultValueFactory = _ => StudioSearchIndexes.DefaultMinRows,
        };
        var command = new Command("search-indexes", "Build (or drop) the large studios' own search indexes, without blocking writes.") { minRows };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(minRows) < 2)
            {
                throw new UserFacingException("--min-rows must be 2 or more.", 2);
            }
            var target = await DatabaseTarget.ResolveAsync(TallyHome.FromEnvironment(), ct);
            try
            {
                await SyncAsync(target.OwnerConnectionString, parse.GetValue(minRows), ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new UserFacingException(NeedsOwner);
            }
            return 0;
        });
        return command;
    }

    private const string NeedsOwner = "the search indexes are built by the owner role: set ConnectionStrings__TallyOwner.";

    /// <summary>
    /// The sync at the default size, as migrate, up, the large seed and the bench run it. Without
    /// the owner role (ConnectionStrings__Tally alone, in production) it says so and goes on: the
    /// app serves with or without these indexes.
    /// </summary>
    public static async Task SyncAsync(string ownerConnectionString, CancellationToken ct)
    {
        try
        {
            await SyncAsync(ownerConnectionString, StudioSearchIndexes.DefaultMinRows, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            Say.Line("Search indexes: not checked: " + NeedsOwner);
        }
    }

    /// <summary>Runs the sync and says what it did.</summary>
    private static async Task SyncAsync(string ownerConnectionString, int minRows, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var outcome = await StudioSearchIndexes.SyncAsync(ownerConnectionString, minRows, step =>
            Say.Line($"Search indexes: {(step.Drops ? "dropping" : "building")} {step.Index} ({step.Reason})..."), ct);
        Say.Line(outcome switch
        {
            { AnotherWasRunning: true } => "Search indexes: another run is bringing them in line; left to it.",
            { Steps.Count: 0 } => "Search indexes: up to date.",
            _ => string.Create(CultureInfo.InvariantCulture, $"Search indexes: {outcome.Steps.Count} change(s) in {clock.Elapsed.TotalSeconds:0.0} s."),
        });
    }
}
