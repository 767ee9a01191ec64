using System.CommandLine;
using System.Diagnostics;
using Npgsql;
using Spectre.Console;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;
using Tally.Data.Seeding;

namespace Tally.Cli.Commands;

/// <summary>`./tally seed --scale small|large`: the demo studios, or the benchmark scale.</summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var scale = new Option<string>("--scale") { Description = "small: the 2 demo studios; large: 1,000 studios and millions of rows", DefaultValueFactory = _ => "small" };
        scale.AcceptOnlyFromAmong("small", "large");
        // Hidden: an audit trail for the demo studios, written and sealed as the large seed writes its
        // 10M rows, to measure or try the trail without loading the large scale.
        var demoTrail = new Option<int>("--demo-audit-rows") { Description = "with --scale small: also write this many audit rows for the first demo studio (half as many for the second)", Hidden = true };
        var command = new Command("seed", "Load data: the demo studios (small) or the benchmark scale (large, into an empty database).") { scale, demoTrail };
        command.SetAction(async (parse, ct) =>
        {
            var target = await DatabaseTarget.ResolveAsync(TallyHome.FromEnvironment(), ct);
            MigrateCommand.Apply(target.OwnerConnectionString);
            if (parse.GetValue(scale) == "large")
            {
                await SeedLargeAsync(target.OwnerConnectionString, ct);
                await SearchIndexesCommand.SyncAsync(target.OwnerConnectionString, ct);
            }
            else
            {
                Say.Line(await DemoSeeder.SeedSmallAsync(target.OwnerConnectionString, ct)
                    ? "Seeded the demo studios."
                    : "The database already holds studios; the demo data was not added again.");
                if (parse.GetValue(demoTrail) is > 0 and var rows)
                {
                    var took = await AuditTrailSeeder.SeedDemoTrailAsync(target.OwnerConnectionString, [rows, rows / 2], ct);
                    Say.Line($"Wrote and sealed an audit trail of {rows + (rows / 2):N0} rows in {took}.");
                }
            }
            await PrintCountsAsync(target.OwnerConnectionString, ct);
            return 0;
        });
        return command;
    }

    public static async Task SeedLargeAsync(string ownerConnectionString, CancellationToken ct)
    {
        if (await HasStudiosAsync(ownerConnectionString, ct))
        {
            throw new UserFacingException("the database already holds studios; the large scale loads into an empty one: use a fresh home, e.g. TALLY_HOME=.tally-large ./tally seed --scale large");
        }
        var clock = Stopwatch.StartNew();
        AuditTrailTimings? trail = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progressContext =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousProgress<SeedProgress>(p =>
                {
                    lock (bars)
                    {
                        if (!bars.TryGetValue(p.Table, out var bar))
                        {
                            bars[p.Table] = bar = progressContext.AddTask(p.Table, maxValue: Math.Max(1, p.Total));
                        }
                        bar.Value = p.Done;
                    }
                });
                trail = await LargeSeeder.SeedLargeAsync(ownerConnectionString, progress, ct);
            });
        Say.Line($"Seeded the large scale in {clock.Elapsed.TotalSeconds:0.0} s (of which the audit trail, written and sealed: {trail}).");
    }

    public static async Task<bool> HasStudiosAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM studios)", conn);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task PrintCountsAsync(string connectionString, CancellationToken ct)
    {
        var table = new Table().AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var (name, rows) in await TableCounts.ReadAsync(connectionString, ct))
        {
            table.AddRow(name, rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
    }

    /// <summary>Reports on the caller's thread, unlike Progress&lt;T&gt; which posts to the thread pool.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
