using System.CommandLine;
using System.Diagnostics;
using Npgsql;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;

namespace Tally.Cli.Commands;

/// <summary>`./tally psql [args]`: psql as the owner role on the local database of $TALLY_HOME.</summary>
internal static class PsqlCommand
{
    public static Command Create()
    {
        var args = new Argument<string[]>("psql-args") { Description = "Passed to psql as they are, e.g. -c 'select count(*) from leads'", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("psql", "Open psql as the owner on the local database of $TALLY_HOME.") { args };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var cluster = new LocalCluster(TallyHome.FromEnvironment(), Say.Line);
            await cluster.EnsureRunningAsync(ct);
            var cs = new NpgsqlConnectionStringBuilder(cluster.OwnerConnectionString());
            var psql = File.Exists(PostgresBinaries.Tool("psql")) ? PostgresBinaries.Tool("psql") : "psql";
            var psi = new ProcessStartInfo(psql) { UseShellExecute = false };
            foreach (var a in new[] { "-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username!, cs.Database! })
            {
                psi.ArgumentList.Add(a);
            }
            foreach (var a in (parse.GetValue(args) ?? []).Concat(parse.UnmatchedTokens))
            {
                psi.ArgumentList.Add(a);
            }
            psi.Environment["PGPASSWORD"] = cs.Password;
            using var process = Process.Start(psi) ?? throw new UserFacingException("could not start psql: install postgresql-client");
            await process.WaitForExitAsync(ct);
            return process.ExitCode;
        });
        return command;
    }
}
