using Npgsql;

namespace Tally.Data.Seeding;

/// <summary>
/// The large scale for benchmarks: 1,000 studios and about 14 million rows, the largest studio
/// holding 20% of every table. Rows are streamed with binary COPY, several tables at a time on
/// separate connections, in an order that satisfies every foreign key.
/// </summary>
/// <remarks>
/// Meant for a fresh benchmark database (the demo studios may be there too). Each table loads in
/// its own transaction, so a failed run leaves the tables it finished: drop the database to retry.
/// The audit_log rows of the benchmark scale are not seeded here; that table arrives later.
/// </remarks>
public static class LargeSeeder
{
    /// <summary>The largest studio (20% of every table): the worst case of a benchmark.</summary>
    public const string LargestStudioSlug = "grand-atelier";

    /// <summary>A studio of median size: the typical case of a benchmark.</summary>
    public const string TypicalStudioSlug = "harbor-light";

    private const int Seed = 1000;
    private const int StudioCount = 1000;

    /// <summary>Connections loading at the same time. Two cores: one table generating while another is indexed.</summary>
    internal static int Parallelism { get; set; } = 3;

    public static async Task SeedLargeAsync(string ownerConnectionString, IProgress<SeedProgress> progress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var connectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString) { CommandTimeout = 0 }.ConnectionString;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM studios WHERE slug = @slug)", connection);
            command.Parameters.AddWithValue("slug", LargestStudioSlug);
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
            {
                throw new InvalidOperationException($"the large seed is already there (studio {LargestStudioSlug} exists); use a fresh database");
            }
        }

        var model = await Task.Run(() => new SeedModel(Shape(DateTime.UtcNow.Date)), ct);
        await RunJobsAsync(connectionString, model, progress, ct);
        await AnalyzeAsync(connectionString, progress, ct);
    }

    /// <summary>
    /// Tables loaded together in one transaction per part, after the jobs they reference. A job in
    /// several parts loads disjoint studio ranges on separate connections at the same time.
    /// </summary>
    private sealed record Job(string Name, SeedTableLoad[] Loads, string[] After, int Parts = 1);

    // By priority: the longest chain (sessions, galleries and images, access log) starts first.
    private static readonly Job[] Jobs =
    [
        new("studios", [SeedWriters.Studios], []),
        new("admin_users", [SeedWriters.AdminUsers], ["studios"]),
        new("clients", [SeedWriters.Clients], ["studios"]),
        new("sessions", [SeedWriters.Sessions], ["admin_users", "clients"], Parts: 2),
        // One transaction per part: the cover FK of galleries is deferred until the images are in.
        new("galleries", [SeedWriters.Galleries, SeedWriters.GalleryImages], ["sessions"], Parts: 2),
        new("gallery_access_log", [SeedWriters.GalleryAccessLog], ["galleries"], Parts: 3),
        new("leads", [SeedWriters.Leads], ["admin_users", "clients"], Parts: 2),
        new("lead_interactions", [SeedWriters.LeadInteractions], ["leads"], Parts: 2),
        new("timeline_templates", [SeedWriters.TimelineTemplates], ["studios"]),
        new("session_timelines", [SeedWriters.SessionTimelines], ["sessions", "timeline_templates"], Parts: 2),
        new("quotes", [SeedWriters.Quotes], ["sessions", "leads"]),
        new("contracts", [SeedWriters.Contracts], ["quotes"]),
        new("payments", [SeedWriters.Payments], ["contracts"]),
        new("documents", [SeedWriters.Documents], ["sessions"]),
        new("client_invitations", [SeedWriters.ClientInvitations], ["clients", "admin_users"]),
        new("lead_documents", [SeedWriters.LeadDocuments], ["leads"]),
        new("admin_invitations", [SeedWriters.AdminInvitations], ["admin_users"]),
        new("gallery_settings", [SeedWriters.GallerySettings], ["studios"]),
    ];

    private sealed record Unit(Job Job, StudioSpan Studios);

    private static async Task RunJobsAsync(string connectionString, SeedModel model, IProgress<SeedProgress> progress, CancellationToken ct)
    {
        var tables = Jobs.SelectMany(j => j.Loads).ToDictionary(
            l => l.Table, l => new TableProgress(l.Table, model.Shape.Total(l.Table), progress), StringComparer.Ordinal);
        var pending = Jobs.SelectMany(j => Split(model.Shape, j).Select(span => new Unit(j, span))).ToList();
        var unfinished = Jobs.ToDictionary(j => j.Name, j => j.Parts, StringComparer.Ordinal);
        var running = new Dictionary<Task, Unit>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                // Start the most important units whose parents are complete, up to the parallelism.
                for (var i = 0; i < pending.Count && running.Count < Parallelism; i++)
                {
                    var unit = pending[i];
                    if (unit.Job.After.All(name => unfinished[name] == 0))
                    {
                        pending.RemoveAt(i--);
                        running.Add(Task.Run(() => LoadAsync(connectionString, model, unit, tables, stop.Token), stop.Token), unit);
                    }
                }
                if (running.Count == 0)
                {
                    throw new InvalidOperationException("seed jobs wait on each other: " + string.Join(", ", pending.Select(u => u.Job.Name)));
                }
                var finished = await Task.WhenAny(running.Keys);
                var done = running[finished];
                running.Remove(finished);
                await finished; // rethrows a failure
                unfinished[done.Job.Name]--;
            }
        }
        catch
        {
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(running.Keys);
            }
            catch (Exception) when (running.Count > 0)
            {
                // The first failure is the one worth reporting; the rest were cancelled by it.
            }
            throw;
        }
    }

    private static async Task LoadAsync(string connectionString, SeedModel model, Unit unit, Dictionary<string, TableProgress> tables, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // Nothing here needs to survive a crash before the seed ends; the final VACUUM flushes it all.
        await using (var command = new NpgsqlCommand("SET synchronous_commit = off", connection))
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (unit.Job.Loads.Contains(SeedWriters.Galleries))
        {
            await using var command = new NpgsqlCommand("SET CONSTRAINTS galleries_cover_image_fkey DEFERRED", connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
        }
        foreach (var load in unit.Job.Loads)
        {
            load.Copy(connection, model, unit.Studios, tables[load.Table], ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>Studio ranges holding about the same number of rows of the job's first table.</summary>
    private static IEnumerable<StudioSpan> Split(SeedShape shape, Job job)
    {
        var table = job.Loads[0].Table;
        var studios = shape.Studios.Length;
        var from = 0;
        for (var part = 1; part < job.Parts; part++)
        {
            var target = (long)shape.Total(table) * part / job.Parts;
            var to = from + 1;
            while (to < studios - 1 && shape.Start(table, to) < target)
            {
                to++;
            }
            yield return new StudioSpan(from, to);
            from = to;
        }
        yield return new StudioSpan(from, studios);
    }

    /// <summary>VACUUM (ANALYZE) every seeded table: fresh statistics, hint bits set, visibility map ready for index-only scans.</summary>
    private static async Task AnalyzeAsync(string connectionString, IProgress<SeedProgress> progress, CancellationToken ct)
    {
        var tables = SeedWriters.All.Select(l => l.Table).ToArray();
        var done = 0;
        using var gate = new SemaphoreSlim(2);
        await Task.WhenAll(tables.Select(async table =>
        {
            await gate.WaitAsync(ct);
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand($"VACUUM (ANALYZE) {table}", connection);
                await command.ExecuteNonQueryAsync(ct);
                progress.Report(new SeedProgress("vacuum analyze", Interlocked.Increment(ref done), tables.Length));
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    internal static SeedShape Shape(DateTime anchor)
    {
        var random = new Random(Seed);
        var studios = new StudioSpec[StudioCount];
        var weights = new double[StudioCount];
        studios[0] = new(LargestStudioSlug, "Grand Atelier Photography", SeedCatalog.Cities.Single(c => c.Name == "New York"), 12);
        studios[1] = new(TypicalStudioSlug, "Harbor Light Studio", SeedCatalog.Cities.Single(c => c.Name == "Charleston"), 6);
        var slugs = new HashSet<string>(StringComparer.Ordinal) { LargestStudioSlug, TypicalStudioSlug };
        for (var s = 1; s < StudioCount; s++)
        {
            // Log-normal sizes: many small studios, a few busy ones.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            weights[s] = Math.Clamp(Math.Exp(0.8 * normal), 0.2, 6);
            if (s == 1)
            {
                continue;
            }
            string first, second, slug;
            do
            {
                first = SeedCatalog.StudioWords[random.Next(SeedCatalog.StudioWords.Length)];
                second = SeedCatalog.StudioWords[random.Next(SeedCatalog.StudioWords.Length)];
                slug = $"{first}-{second}-{s:D3}";
            }
            while (first == second || !slugs.Add(slug));
            var suffix = SeedCatalog.StudioSuffixes[random.Next(SeedCatalog.StudioSuffixes.Length)];
            studios[s] = new(slug, $"{Capitalize(first)} {Capitalize(second)} {suffix}",
                SeedCatalog.Cities[random.Next(SeedCatalog.Cities.Length)], random.Next(3, 15));
        }
        // The typical studio sits exactly at the median.
        var sorted = weights[2..].Order().ToArray();
        weights[1] = sorted[sorted.Length / 2];

        Dictionary<string, int[]> counts = new(StringComparer.Ordinal)
        {
            [SeedTables.AdminUsers] = Split(5_000, 3),
            [SeedTables.AdminInvitations] = Split(3_000, 1),
            [SeedTables.Clients] = Split(300_000, 20),
            [SeedTables.ClientInvitations] = Split(150_000, 10),
            [SeedTables.Leads] = Split(1_000_000, 50),
            [SeedTables.LeadInteractions] = Split(2_000_000, 100),
            [SeedTables.LeadDocuments] = Split(100_000, 5),
            [SeedTables.Sessions] = Split(500_000, 30),
            [SeedTables.SessionTimelines] = Split(2_000_000, 120),
            [SeedTables.Quotes] = Split(200_000, 12),
            [SeedTables.Contracts] = Split(150_000, 9),
            [SeedTables.Payments] = Split(400_000, 24),
            [SeedTables.Documents] = Split(250_000, 15),
            [SeedTables.Galleries] = Split(50_000, 3),
            [SeedTables.GalleryImages] = Split(2_000_000, 120),
            [SeedTables.GalleryAccessLog] = Split(5_000_000, 300),
        };
        return new SeedShape(Seed, anchor, studios, counts);

        int[] Split(int total, int minimum) => SeedShape.Allocate(total, weights, 0.2, minimum);
    }

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
