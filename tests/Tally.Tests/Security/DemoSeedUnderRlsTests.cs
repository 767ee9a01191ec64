using System.Text.Json;
using Dapper;
using Tally.Data.Seeding;
using Tally.Tests.Schema;

namespace Tally.Tests.Security;

/// <summary>
/// The demo seed runs as the owner, which bypasses the (forced) row-level security, so it still
/// fills every table; the app role then sees each studio's share through the policies.
/// </summary>
public sealed class DemoSeedUnderRlsTests(DemoSeededDatabase db) : IClassFixture<DemoSeededDatabase>
{
    [Fact]
    public async Task SeedSmallAsync_UnderForcedRls_FillsEveryBaseTable()
    {
        var counts = (await TableCounts.ReadAsync(db.OwnerConnectionString)).ToDictionary(c => c.Table, c => c.Rows);

        Assert.True(db.FirstSeedResult);
        Assert.All(BaseTables.All, table => Assert.True(counts.GetValueOrDefault(table) > 0, $"{table} is empty"));
    }

    [Fact]
    public async Task DemoOwners_AsAppRole_SeeExactlyTheirStudiosLeads()
    {
        await using var owner = await db.OpenOwnerAsync();
        var studios = (await owner.QueryAsync<(Guid Studio, Guid Owner, long Leads)>("""
            SELECT s.id, u.id, (SELECT count(*) FROM leads l WHERE l.studio_id = s.id)
            FROM studios s JOIN admin_users u ON u.studio_id = s.id AND u.role = 'owner'
            """)).ToList();

        Assert.Equal(2, studios.Count);
        foreach (var (studio, user, leads) in studios)
        {
            var claims = JsonSerializer.Serialize(new { sub = user, role = "owner", studio_id = studio });
            var (visible, ofOthers) = await AsAppAsync(claims, studio);

            Assert.Equal(leads, visible);
            Assert.Equal(0, ofOthers);
        }
    }

    [Fact]
    public async Task DemoStaff_AsAppRole_SeeOnlyLeadsAssignedToThem()
    {
        await using var owner = await db.OpenOwnerAsync();
        var staff = (await owner.QueryAsync<(Guid Studio, Guid User, long Assigned)>("""
            SELECT u.studio_id, u.id, (SELECT count(*) FROM leads l WHERE l.studio_id = u.studio_id AND l.assigned_to = u.id)
            FROM admin_users u WHERE u.role = 'staff'
            """)).ToList();

        Assert.NotEmpty(staff);
        foreach (var (studio, user, assigned) in staff)
        {
            var claims = JsonSerializer.Serialize(new { sub = user, role = "staff", studio_id = studio });
            var (visible, _) = await AsAppAsync(claims, studio);

            Assert.Equal(assigned, visible);
        }
    }

    private async Task<(long Visible, long OfOthers)> AsAppAsync(string claims, Guid studio)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.AppConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('request.jwt.claims', @claims, true)", new { claims }, transaction);
        var visible = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM leads", transaction: transaction);
        var ofOthers = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM leads WHERE studio_id <> @studio", new { studio }, transaction);
        return (visible, ofOthers);
    }
}
