using System.CommandLine;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;

namespace Tally.Cli.Commands;

/// <summary>`./tally down`: stops the local PostgreSQL cluster of $TALLY_HOME (its data stays).</summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var command = new Command("down", "Stop the local PostgreSQL cluster of $TALLY_HOME; its data stays for the next `./tally up`.");
        command.SetAction(async (_, ct) =>
        {
            var cluster = new LocalCluster(TallyHome.FromEnvironment(), Say.Line);
            if (!await cluster.IsRunningAsync(ct))
            {
                Say.Line("The local cluster is not running.");
                return 0;
            }
            await cluster.StopAsync(ct);
            Say.Line("Stopped the local cluster.");
            return 0;
        });
        return command;
    }
}
