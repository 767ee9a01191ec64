using System.CommandLine;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;
using Tally.Data.Migrations;

namespace Tally.Cli.Commands;

/// <summary>`./tally migrate`: applies pending migrations to the local cluster or ConnectionStrings__Tally, then the search-indexes sync.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending migrations, then bring the large studios' search indexes in line (local cluster, or ConnectionStrings__TallyOwner / ConnectionStrings__Tally).");
        command.SetAction(async (_, ct) =>
        {
            var target = await DatabaseTarget.ResolveAsync(TallyHome.FromEnvironment(), ct);
            Apply(target.OwnerConnectionString);
            await SearchIndexesCommand.SyncAsync(target.OwnerConnectionString, ct);
            return 0;
        });
        return command;
    }

    public static void Apply(string ownerConnectionString)
    {
        IReadOnlyList<string> applied;
        try
        {
            applied = Migrator.Apply(ownerConnectionString);
        }
        catch (MigrationFailedException ex)
        {
            throw new UserFacingException(ex.Message + " — fix the migration and run ./tally migrate again.");
        }
        Say.Line(applied.Count == 0 ? "Migrations: up to date." : $"Migrations: applied {applied.Count} ({string.Join(", ", applied.Select(ShortName))}).");
    }

    private static string ShortName(string script) => script.Replace("Tally.Data.Migrations.", "", StringComparison.Ordinal);
}
