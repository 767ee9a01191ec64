using System.CommandLine;
using Npgsql;
using Tally.Cli.Bench;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;

namespace Tally.Cli.Commands;

/// <summary>
/// `./tally bench [SCENARIO…]`: the large scale in its own home (seeded once, then reused), the app
/// started as in production, each scenario driven at a fixed rate; p50/p95/p99 written to bench/results/.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var scenarios = new Argument<string[]>("scenario") { Description = "Scenarios to run (default: all): " + string.Join(", ", Names), Arity = ArgumentArity.ZeroOrMore };
        var rate = new Option<double>("--rate") { Description = "Requests per second", DefaultValueFactory = _ => 50 };
        var duration = new Option<int>("--duration") { Description = "Seconds measured per scenario", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of warm-up per scenario (not measured)", DefaultValueFactory = _ => 5 };
        var command = new Command("bench", "Measure latency at the large data scale; writes bench/results/.") { scenarios, rate, duration, warmup };
        command.SetAction(async (parse, ct) =>
        {
            var names = parse.GetValue(scenarios) ?? [];
            var chosen = Choose(names);
            var auditMeasures = AuditBench.Measures.Where(m => names.Length == 0 || names.Contains(m)).ToList();
            var perSecond = parse.GetValue(rate);
            if (perSecond is <= 0 or > 5000 || parse.GetValue(duration) <= 0 || parse.GetValue(warmup) < 0)
            {
                throw new UserFacingException("--rate must be in 1..5000, --duration above 0 and --warmup 0 or more.", 2);
            }

            var home = new TallyHome(Environment.GetEnvironmentVariable("TALLY_BENCH_HOME") is { Length: > 0 } h ? h : Path.Combine(RepoPaths.Root, ".tally-bench"));
            var cluster = new LocalCluster(home, Say.Line);
            await cluster.EnsureRunningAsync(ct);
            var owner = cluster.OwnerConnectionString();
            MigrateCommand.Apply(owner);
            if (!await SeedCommand.HasStudiosAsync(owner, ct))
            {
                Say.Line($"Seeding the large scale into {home.Root} (once; later runs reuse it)...");
                await SeedCommand.SeedLargeAsync(owner, ct);
            }
            // As `./tally migrate` leaves a deployment: the large studios with their own search indexes.
            await SearchIndexesCommand.SyncAsync(owner, ct);
            var context = await StudiosAsync(owner, ct);
            var scale = await ScaleAsync(owner, ct);

            await using var targets = await BenchTargets.CreateAsync(context, owner, cluster.AppConnectionString(), ct);
            await using var web = await StartWebAsync(cluster.AppConnectionString(), home, ct);
            using var http = Client(web);
            targets.App = http;
            // Only for the baseline of the policies: the same app connected as the owner, who bypasses them.
            await using var ownerWeb = chosen.Any(s => s.NeedsOwnerApp) ? await StartWebAsync(owner, home, ct) : null;
            using var ownerHttp = ownerWeb is null ? null : Client(ownerWeb);
            targets.OwnerApp = ownerHttp;
            var needsAudit = auditMeasures.Count > 0 || chosen.Any(s => s.Name.StartsWith("audit-", StringComparison.Ordinal));
            await using var audit = needsAudit ? await AuditBench.CreateAsync(owner, cluster.AppConnectionString(), targets.LargestClaims, context.LargestStudio, ct) : null;
            if (audit is not null)
            {
                targets.Audit = audit;
            }

            var results = new List<ScenarioResult>();
            foreach (var group in Groups(chosen))
            {
                var label = string.Join(" + ", group.Select(s => s.Name));
                var restore = new List<IAsyncDisposable>();
                LoadDriver.Measurement[] measured;
                try
                {
                    foreach (var scenario in group.Where(s => s.Around is not null))
                    {
                        if (await scenario.Around!(targets, ct) is { } undo)
                        {
                            restore.Add(undo);
                        }
                    }
                    Say.Line($"{label}: warming up...");
                    await RunSideBySideAsync(group, targets, perSecond, TimeSpan.FromSeconds(parse.GetValue(warmup)), ct);
                    Say.Line($"{label}: measuring {parse.GetValue(duration)} s at {group[0].Rate ?? perSecond} req/s{(group.Count > 1 ? " each, side by side" : "")}...");
                    measured = await RunSideBySideAsync(group, targets, perSecond, TimeSpan.FromSeconds(parse.GetValue(duration)), ct);
                }
                finally
                {
                    foreach (var undo in restore)
                    {
                        await undo.DisposeAsync();
                    }
                }
                foreach (var (scenario, m) in group.Zip(measured))
                {
                    var sorted = m.LatenciesMs.Order().ToArray();
                    results.Add(new ScenarioResult(scenario.Name, scenario.Description, m.Requests, m.Errors, scenario.Rate ?? perSecond,
                        LoadDriver.Percentile(sorted, 50), LoadDriver.Percentile(sorted, 95), LoadDriver.Percentile(sorted, 99), sorted[^1]));
                }
            }

            AuditFigures? auditFigures = null;
            if (audit is not null && auditMeasures.Count > 0)
            {
                Say.Line($"{string.Join(" + ", auditMeasures)}: measuring...");
                auditFigures = await audit.MeasureAsync(auditMeasures, TimeSpan.FromSeconds(parse.GetValue(duration)), ct);
            }

            var report = new BenchReport(DateTimeOffset.UtcNow, await Machine.CommitAsync(ct), Machine.Describe(), scale, context, parse.GetValue(duration), results, auditFigures);
            var path = report.Write();
            Console.WriteLine(report.Markdown());
            Say.Line($"Written to {path}");
            return results.Any(r => r.Errors > 0) || auditFigures is { InsertErrors: > 0 } or { ChainOk: false } ? 1 : 0;
        });
        return command;
    }

    /// <summary>Every name `./tally bench` takes: the scenarios, then the audit trail's other figures.</summary>
    private static IEnumerable<string> Names => BenchScenario.All.Select(s => s.Name).Concat(AuditBench.Measures);

    /// <summary>The chosen scenarios in order, those of a <see cref="BenchScenario.SideBySide"/> set together.</summary>
    private static List<List<BenchScenario>> Groups(List<BenchScenario> chosen)
    {
        var groups = new List<List<BenchScenario>>();
        foreach (var scenario in chosen)
        {
            var partners = BenchScenario.SideBySide.FirstOrDefault(set => set.Contains(scenario.Name));
            var group = partners is null ? null : groups.FirstOrDefault(g => partners.Contains(g[0].Name));
            if (group is null)
            {
                groups.Add([scenario]);
            }
            else
            {
                group.Add(scenario);
            }
        }
        return groups;
    }

    /// <summary>Each scenario at the full rate (or its own); the k-th of n starts k/n of an interval later, so their requests alternate.</summary>
    private static Task<LoadDriver.Measurement[]> RunSideBySideAsync(List<BenchScenario> group, BenchTargets targets, double rate, TimeSpan duration, CancellationToken ct) =>
        Task.WhenAll(group.Select(async (scenario, k) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(k * 1000.0 / rate / group.Count), ct);
            return await LoadDriver.RunAsync((i, t) => scenario.Send(targets, i, t), scenario.Rate ?? rate, duration, ct);
        }));

    private static async Task<WebProcess> StartWebAsync(string connectionString, TallyHome home, CancellationToken ct)
    {
        var web = WebProcess.Start($"http://127.0.0.1:{LocalCluster.FreePort()}", connectionString, home, quiet: true);
        try
        {
            await web.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), ct);
            return web;
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }
    }

    private static HttpClient Client(WebProcess web) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = web.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static List<BenchScenario> Choose(string[] names)
    {
        if (names.Length == 0)
        {
            return [.. BenchScenario.All];
        }
        var unknown = names.Where(n => !Names.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new UserFacingException($"unknown scenario '{unknown[0]}': choose from {string.Join(", ", Names)}", 2);
        }
        return BenchScenario.All.Where(s => names.Contains(s.Name)).ToList();
    }

    private static async Task<BenchContext> StudiosAsync(string cs, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH counts AS (
              SELECT s.slug, count(l.id) AS leads FROM studios s LEFT JOIN leads l ON l.studio_id = s.id GROUP BY s.slug)
            (SELECT slug, leads FROM counts ORDER BY leads DESC, slug LIMIT 1)
            UNION ALL
            (SELECT slug, leads FROM counts ORDER BY leads, slug OFFSET (SELECT count(*) / 2 FROM counts) LIMIT 1)
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<(string Slug, long Leads)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return new BenchContext(rows[0].Slug, rows[0].Leads, rows[^1].Slug, rows[^1].Leads);
    }

    private static async Task<string> ScaleAsync(string cs, CancellationToken ct)
    {
        var counts = await Tally.Data.Seeding.TableCounts.ReadAsync(cs, ct);
        var wanted = new[] { "studios", "leads", "clients", "sessions", "payments", "gallery_images", "gallery_access_log" };
        return "large scale: " + string.Join(", ", counts.Where(c => wanted.Contains(c.Table)).Select(c => $"{c.Rows:N0} {c.Table}"));
    }
}
