using Npgsql;

namespace Tally.Data.Seeding;

/// <summary>
/// The large scale for benchmarks: 1,000 studios and about 14 million rows, the largest studio
/// holding 20% of every table. Rows are streamed with binary COPY in one transaction, with the
/// foreign keys and plain indexes set aside while the rows go in (see <see cref="DeferredIntegrity"/>).
/// </summary>
/// <remarks>
/// Why one transaction and not several connections in parallel: measured on 2 cores, checking
/// foreign keys (about 4 µs per row and key) and maintaining indexes row by row is most of the
/// work; three connections loading in parallel with the constraints in place kept both cores busy
/// for 219 s. Building each index in one sorted pass (with parallel workers) and validating each
/// foreign key with one join brings the whole seed to about 100 s, and one transaction makes it
/// all or nothing.
/// The seeded tables are locked for the duration: run it on a benchmark database, not under load.
/// The demo studios may already be there. The audit triggers of the seeded tables are off during
/// the load (<see cref="SuspendedAuditTriggers"/>): seed rows are not changes anyone made. The
/// analytics rollups are built next (<see cref="AnalyticsBackfill"/>), one studio at a time; last,
/// the benchmark scale's 10M audit_log rows are written and sealed (<see cref="AuditTrailSeeder"/>).
/// </remarks>
public static class LargeSeeder
{
    /// <summary>The largest studio (20% of every table): the worst case of a benchmark.</summary>
    public const string LargestStudioSlug = "grand-atelier";

    /// <summary>A studio of median size: the typical case of a benchmark.</summary>
    public const string TypicalStudioSlug = "harbor-light";

    private const int Seed = 1000;
    private const int StudioCount = 1000;

    /// <summary>Seeds the large scale into an empty database; returns how long its audit trail (written and sealed) took of the whole.</summary>
    public static async Task<AuditTrailTimings> SeedLargeAsync(string ownerConnectionString, IProgress<SeedProgress> progress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var connectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString) { CommandTimeout = 0 }.ConnectionString;
        var modelTask = Task.Run(() => new SeedModel(Shape(DateTime.UtcNow.Date)), ct);

        SeedModel model;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(connection, transaction, """
                SET LOCAL synchronous_commit = off;
                SET LOCAL maintenance_work_mem = '256MB';
                SELECT pg_advisory_xact_lock(hashtext('tally.seed.large'));
                """, ct);
            await using (var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM studios WHERE slug = @slug)", connection, transaction))
            {
                command.Parameters.AddWithValue("slug", LargestStudioSlug);
                if ((bool)(await command.ExecuteScalarAsync(ct))!)
                {
                    throw new InvalidOperationException($"the large seed is already there (studio {LargestStudioSlug} exists); use a fresh database");
                }
            }

            var tables = SeedWriters.All.Select(l => l.Table).ToArray();
            var integrity = await DeferredIntegrity.SuspendAsync(connection, transaction, tables, ct);
            var audit = await SuspendedAuditTriggers.SuspendAsync(connection, transaction, tables, ct);
            model = await modelTask;
            var everyStudio = new StudioSpan(0, model.Shape.Studios.Length);
            await Task.Run(() =>
            {
                foreach (var load in SeedWriters.All)
                {
                    load.Copy(connection, model, everyStudio, new TableProgress(load.Table, model.Shape.Total(load.Table), progress), ct);
                }
            }, ct);
            await integrity.RestoreAsync(progress, ct);
            await audit.RestoreAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await AnalyzeAsync(connectionString, progress, ct);
        // The rollups, in one pass per studio over the loaded (and analyzed) tables.
        await AnalyticsBackfill.RunAsync(connectionString, new DateOnly(2000, 1, 1), studioSlug: null, progress, ct);
        // The 10M-row audit trail, written and sealed on two connections (AuditTrailSeeder).
        return await AuditTrailSeeder.RunAsync(connectionString, model, progress, ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
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
            [SeedTables.AuditLog] = Split(10_000_000, 600),
        };
        return new SeedShape(Seed, anchor, studios, counts);

        int[] Split(int total, int minimum) => SeedShape.Allocate(total, weights, 0.2, minimum);
    }

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
