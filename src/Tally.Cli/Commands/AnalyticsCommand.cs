using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Spectre.Console;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;
using Tally.Data.Seeding;

namespace Tally.Cli.Commands;

/// <summary>
/// `./tally analytics backfill --from DATE [--studio SLUG]`: rebuild the rollups from that local day
/// on, with a progress bar. `./tally analytics nightly [--lookback DAYS]`: the nightly round
/// (recompute the closed days, refresh client statuses) for every studio, timed.
/// </summary>
internal static class AnalyticsCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The first local day to rebuild (YYYY-MM-DD)", Required = true };
        var studio = new Option<string?>("--studio") { Description = "Only this studio (slug); all studios when omitted" };
        var backfill = new Command("backfill", "Rebuild the analytics rollups from a day on.") { from, studio };
        backfill.SetAction(async (parse, ct) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(from), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new UserFacingException("--from takes a day as YYYY-MM-DD, e.g. --from 2024-01-01.");
            }
            var owner = await OwnerConnectionStringAsync(ct);
            var clock = Stopwatch.StartNew();
            var count = 0;
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask(AnalyticsBackfill.Step, maxValue: 1);
                    var progress = new Progress(p =>
                    {
                        lock (bar)
                        {
                            bar.MaxValue = Math.Max(1, p.Total);
                            bar.Value = p.Done;
                        }
                    });
                    count = await AnalyticsBackfill.RunAsync(owner, day, parse.GetValue(studio), progress, ct);
                    bar.Value = bar.MaxValue;
                });
            if (count == 0 && parse.GetValue(studio) is { } slug)
            {
                throw new UserFacingException($"there is no studio with the slug '{slug}'.");
            }
            Say.Line(string.Create(CultureInfo.InvariantCulture, $"Rebuilt the rollups of {count} studio(s) from {day:yyyy-MM-dd} in {clock.Elapsed.TotalSeconds:0.0} s."));
            return 0;
        });

        var lookback = new Option<int>("--lookback") { Description = "How many closed days to recompute", DefaultValueFactory = _ => 7 };
        var nightly = new Command("nightly", "Recompute every studio's closed days and client statuses (what the nightly job does).") { lookback };
        nightly.SetAction(async (parse, ct) =>
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(await OwnerConnectionStringAsync(ct)) { CommandTimeout = 0 }.ConnectionString);
            await conn.OpenAsync(ct);
            var clock = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand("SELECT analytics.nightly_all($1)", conn) { Parameters = { new() { Value = Math.Clamp(parse.GetValue(lookback), 1, 366) } } };
            var studios = (int)(await command.ExecuteScalarAsync(ct))!;
            Say.Line(string.Create(CultureInfo.InvariantCulture, $"Nightly analytics round: {studios} studio(s) in {clock.Elapsed.TotalSeconds:0.00} s."));
            return 0;
        });
        return new Command("analytics", "The analytics rollups: rebuild them, run the nightly round.") { backfill, nightly };
    }

    /// <summary>The owner role (ConnectionStrings__TallyOwner, else the local cluster): the rollups span every studio.</summary>
    private static async Task<string> OwnerConnectionStringAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("ConnectionStrings__TallyOwner") is { Length: > 0 } owner)
        {
            return owner;
        }
        if (DatabaseTarget.ExternalAppConnectionString is not null)
        {
            throw new UserFacingException("rebuilding the analytics rollups needs the owner role: set ConnectionStrings__TallyOwner.");
        }
        return (await DatabaseTarget.ResolveAsync(TallyHome.FromEnvironment(), ct)).OwnerConnectionString;
    }

    private sealed class Progress(Action<SeedProgress> report) : IProgress<SeedProgress>
    {
        public void Report(SeedProgress value) => report(value);
    }
}
