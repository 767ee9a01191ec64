using Dapper;
using Npgsql;
using Tally.Data.Seeding;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Schema;

/// <summary>A migrated database with the demo seed applied once.</summary>
public sealed class DemoSeededDatabase : DatabaseFixture
{
    public bool FirstSeedResult { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        FirstSeedResult = await DemoSeeder.SeedSmallAsync(OwnerConnectionString);
    }
}

public sealed class DemoSeedTests(DemoSeededDatabase db) : IClassFixture<DemoSeededDatabase>
{
    [Fact]
    public async Task SeedSmallAsync_EmptyDatabase_FillsEveryBaseTable()
    {
        var counts = (await TableCounts.ReadAsync(db.OwnerConnectionString)).ToDictionary(c => c.Table, c => c.Rows);

        Assert.True(db.FirstSeedResult);
        Assert.All(BaseTables.All, table => Assert.True(counts.GetValueOrDefault(table) > 0, $"{table} is empty"));
        Assert.Equal(2, counts["studios"]);
        Assert.InRange(counts["leads"], 400, 1000);
    }

    [Fact]
    public async Task SeedSmallAsync_StudiosExist_ReturnsFalseAndChangesNothing()
    {
        var before = await TableCounts.ReadAsync(db.OwnerConnectionString);

        var seeded = await DemoSeeder.SeedSmallAsync(db.OwnerConnectionString);

        Assert.False(seeded);
        Assert.Equal(before, await TableCounts.ReadAsync(db.OwnerConnectionString));
    }

    [Fact]
    public async Task Logins_EachStudio_HasActiveOwnerWithEveryPermissionPlusStaffAndBookkeeper()
    {
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        foreach (var login in DemoSeeder.Logins)
        {
            var owner = await connection.QuerySingleAsync<(string Role, bool Active, bool Analytics, bool Payments, bool Team)>("""
                SELECT u.role, u.is_active, u.can_view_analytics, u.can_manage_payments, u.can_manage_team
                FROM admin_users u JOIN studios s ON s.id = u.studio_id
                WHERE s.slug = @StudioSlug AND u.email = @Email
                """, login);
            var roles = await connection.QueryAsync<string>(
                "SELECT u.role FROM admin_users u JOIN studios s ON s.id = u.studio_id WHERE s.slug = @StudioSlug AND u.is_active", login);

            Assert.Equal(("owner", true, true, true, true), owner);
            Assert.Equal("owner", login.Role);
            Assert.Equal(DemoSeeder.Password, login.Password);
            Assert.Contains("staff", roles);
            Assert.Contains("bookkeeper", roles);
        }
        Assert.Equal(["aurora-studio", "north-light"], DemoSeeder.Logins.Select(l => l.StudioSlug));
    }

    [Fact]
    public async Task Leads_EachStudio_HasAFewHundredAcrossStatusesAndSources()
    {
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        var perStudio = (await connection.QueryAsync<(string Slug, long Leads, long Statuses, long Sources, long Dated)>("""
            SELECT s.slug, count(*), count(DISTINCT l.status), count(DISTINCT l.source), count(l.event_date)
            FROM leads l JOIN studios s ON s.id = l.studio_id GROUP BY s.slug
            """)).ToList();

        Assert.Equal(2, perStudio.Count);
        Assert.All(perStudio, s =>
        {
            Assert.InRange(s.Leads, 200, 500);
            Assert.Equal(7, s.Statuses);
            Assert.True(s.Sources >= 6, $"{s.Slug}: {s.Sources} sources");
            Assert.True(s.Dated > s.Leads / 2, $"{s.Slug}: {s.Dated} leads with an event date");
        });
    }

    [Fact]
    public async Task TableCounts_ReadAsync_ListsEveryTableByNameWithoutTheJournal()
    {
        var counts = await TableCounts.ReadAsync(db.OwnerConnectionString);
        var names = counts.Select(c => c.Table).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Empty(BaseTables.All.Except(names));
        Assert.DoesNotContain(Tally.Data.Migrations.Migrator.JournalTable, names);
    }
}
