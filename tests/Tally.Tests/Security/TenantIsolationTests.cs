using Dapper;
using Npgsql;
using Tally.Tests.Schema;

namespace Tally.Tests.Security;

/// <summary>
/// The database as the last line of defence: whatever SQL the C# sends, another studio's rows stay
/// out of reach, and a request without claims sees nothing at all.
/// </summary>
public sealed class TenantIsolationTests(SecurityDatabase db) : IClassFixture<SecurityDatabase>
{
    public static TheoryData<string> Tables() => [.. BaseTables.All];

    [Fact]
    public async Task BuggyQueries_AsAdminOfStudioB_NeverReachStudioALeads()
    {
        var (read, updated, insert) = await db.AsAppAsync(db.Claims(SqlIdentity.AdminOfB), async (connection, transaction) =>
        {
            // The "bug": the C# forgot whose studio this is and asks for A's rows by id.
            var read = (await connection.QueryAsync("SELECT * FROM leads WHERE studio_id = @Studio", new { db.A.Studio }, transaction)).Count();
            var updated = await connection.ExecuteAsync("UPDATE leads SET status = 'lost' WHERE studio_id = @Studio", new { db.A.Studio }, transaction);
            var insert = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
                "INSERT INTO leads (studio_id, id, first_name, email) VALUES (@Studio, @Id, 'Mallory', 'mallory@example.test')",
                new { db.A.Studio, Id = Guid.CreateVersion7() }, transaction));
            return (read, updated, insert);
        });
        await using var owner = await db.OpenOwnerAsync();
        var lost = await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM leads WHERE studio_id = @Studio AND status = 'lost'", new { db.A.Studio });

        Assert.Equal(0, read);
        Assert.Equal(0, updated);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);
        Assert.Contains("row-level security", insert.MessageText, StringComparison.Ordinal);
        Assert.Equal(0, lost);
    }

    [Fact]
    public async Task BuggyQueries_AsAdminOfStudioB_SeeTheirOwnLeads()
    {
        // The control: the same claims do reach studio B, so the zero above is the policy's doing.
        var own = await db.AsAppAsync(db.Claims(SqlIdentity.AdminOfB), (connection, transaction) =>
            connection.ExecuteScalarAsync<long>("SELECT count(*) FROM leads WHERE studio_id = @Studio", new { db.B.Studio }, transaction));

        Assert.Equal(2, own);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Select_AsAdminOfStudioB_SeesOwnRowsAndNoneOfStudioA(string table)
    {
        var key = table == "studios" ? "id" : "studio_id";
        var (ofA, ofB) = await db.AsAppAsync(db.Claims(SqlIdentity.AdminOfB), async (connection, transaction) => (
            await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {key} = @Studio", new { db.A.Studio }, transaction),
            await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {key} = @Studio", new { db.B.Studio }, transaction)));

        Assert.Equal(0, ofA);
        Assert.True(ofB > 0, $"admin of B sees no {table} of B");
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Select_AsSystemOfStudioA_SeesNothingOfStudioB(string table)
    {
        var key = table == "studios" ? "id" : "studio_id";
        var ofB = await db.AsAppAsync(db.Claims(SqlIdentity.System), (connection, transaction) =>
            connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {key} = @Studio", new { db.B.Studio }, transaction));

        Assert.Equal(0, ofB);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Select_WithoutClaims_SeesNothing(string table)
    {
        var visible = await db.AsAppAsync(null, (connection, transaction) =>
            connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}", transaction: transaction));
        await using var owner = await db.OpenOwnerAsync();
        var total = await owner.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");

        Assert.True(total >= 2, $"{table} holds {total} rows");
        Assert.Equal(0, visible);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Writes_WithoutClaims_ChangeNothing(string table)
    {
        var key = table == "studios" ? "id" : "studio_id";
        var (updated, deleted) = await db.AsAppAsync(null, async (connection, transaction) => (
            await connection.ExecuteAsync($"UPDATE {table} SET {key} = {key}", transaction: transaction),
            await connection.ExecuteAsync($"DELETE FROM {table}", transaction: transaction)));

        Assert.Equal(0, updated);
        Assert.Equal(0, deleted);
    }

    [Fact]
    public async Task Insert_WithoutClaims_FailsWithRowSecurityViolation()
    {
        var error = await db.AsAppAsync(null, (connection, transaction) => Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("INSERT INTO leads (studio_id, id, first_name, phone) VALUES (@Studio, @Id, 'Anon', '+1 555 0101')",
                new { db.A.Studio, Id = Guid.CreateVersion7() }, transaction)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Claims_AfterTheirTransactionEnds_DoNotCarryOverOnTheSameConnection()
    {
        await using var connection = new NpgsqlConnection(db.AppConnectionString);
        await connection.OpenAsync();
        long during;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("SELECT set_config('request.jwt.claims', @claims, true)", new { claims = db.Claims(SqlIdentity.Admin) }, transaction);
            during = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM leads", transaction: transaction);
            await transaction.CommitAsync();
        }

        var after = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM leads");
        var role = await connection.ExecuteScalarAsync<string>("SELECT auth.role()");

        Assert.Equal(2, during);
        Assert.Equal(0, after);
        Assert.Equal("anon", role);
    }

    [Fact]
    public async Task StudioBySlug_WithoutClaims_ReturnsThePublicFaceOnly()
    {
        var (found, missing, direct) = await db.AsAppAsync(null, async (connection, transaction) => (
            (await connection.QueryAsync<(Guid Id, string Slug, string Name, string Timezone)>(
                "SELECT * FROM auth.studio_by_slug(@Slug)", new { db.A.Slug }, transaction)).ToList(),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM auth.studio_by_slug('no-such-studio')", transaction: transaction),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM studios WHERE slug = @Slug", new { db.A.Slug }, transaction)));

        Assert.Equal((db.A.Studio, db.A.Slug, db.A.Slug, "Europe/London"), Assert.Single(found));
        Assert.Equal(0, missing);
        Assert.Equal(0, direct);
    }
}
