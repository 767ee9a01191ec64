using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Tally.Data.Seeding;

/// <summary>
/// The small scale: two demo studios with a few hundred leads each and rows in every base table,
/// seeded on first start so a person can sign in and look around.
/// </summary>
public static class DemoSeeder
{
    /// <summary>The demo password of every demo team member (owner@, staff@, bookkeeper@ and the rest).</summary>
    public const string Password = "tally-demo-2026";

    private const int Seed = 2026;

    public static IReadOnlyList<DemoLogin> Logins { get; } =
    [
        new("aurora-studio", "owner@aurora-studio.test", Password, "owner"),
        new("north-light", "owner@north-light.test", Password, "owner"),
    ];

    /// <summary>
    /// Seeds the two demo studios in one transaction. Returns false and changes nothing when any
    /// studio already exists, so it is safe to call on every start.
    /// </summary>
    public static async Task<bool> SeedSmallAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Two instances starting at once: the second waits here, then sees the first one's studios.
        await using (var command = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(hashtext('tally.seed.demo')); SET CONSTRAINTS galleries_cover_image_fkey DEFERRED;", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        await using (var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM studios)", connection, transaction))
        {
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }
        }

        var model = new SeedModel(Shape(DateTime.UtcNow.Date));
        await Task.Run(() =>
        {
            foreach (var load in SeedWriters.All)
            {
                load.Copy(connection, model, new StudioSpan(0, model.Shape.Studios.Length), progress: null, ct);
            }
        }, ct);
        await SetDemoPasswordsAsync(connection, transaction, ct);
        // The rollups of the demo studios, ready on the first page; the keys the seed queued are done with.
        await using (var command = new NpgsqlCommand(
            "SELECT count(analytics.backfill(id, DATE '2000-01-01')) FROM studios; DELETE FROM analytics.changes;", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Every demo team member signs in with <see cref="Password"/>, hashed the way the web app
    /// checks it (ASP.NET Core Identity's PasswordHasher). One hash for all: each costs 100,000
    /// PBKDF2 rounds, and the password is printed on the console anyway.
    /// </summary>
    private static async Task SetDemoPasswordsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var hash = new PasswordHasher<DemoLogin>().HashPassword(Logins[0], Password);
        await using var command = new NpgsqlCommand("UPDATE admin_users SET password_hash = $1 WHERE password_hash IS NULL", connection, transaction)
        {
            Parameters = { new() { Value = hash } },
        };
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static SeedShape Shape(DateTime anchor)
    {
        var aurora = SeedCatalog.Cities.Single(c => c.Name == "Seattle");
        var northLight = SeedCatalog.Cities.Single(c => c.Name == "Edinburgh");
        StudioSpec[] studios =
        [
            new("aurora-studio", "Aurora Studio", aurora, YearsInBusiness: 6),
            new("north-light", "North Light Photography", northLight, YearsInBusiness: 4),
        ];
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal)
        {
            [SeedTables.AdminUsers] = [4, 4],
            [SeedTables.AdminInvitations] = [4, 3],
            [SeedTables.Clients] = [160, 120],
            [SeedTables.ClientInvitations] = [90, 70],
            [SeedTables.Leads] = [340, 260],
            [SeedTables.LeadInteractions] = [900, 650],
            [SeedTables.LeadDocuments] = [45, 30],
            [SeedTables.Sessions] = [210, 150],
            [SeedTables.SessionTimelines] = [900, 650],
            [SeedTables.Quotes] = [120, 90],
            [SeedTables.Contracts] = [80, 60],
            [SeedTables.Payments] = [210, 160],
            [SeedTables.Documents] = [140, 100],
            [SeedTables.Galleries] = [45, 32],
            [SeedTables.GalleryImages] = [45 * 24, 32 * 24],
            [SeedTables.GalleryAccessLog] = [4000, 2800],
        };
        return new SeedShape(Seed, anchor, studios, counts);
    }
}
