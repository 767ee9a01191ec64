using Npgsql;
using Tally.Tests.Infrastructure;
using Tally.Web.Features.Identity;

namespace Tally.Tests.Identity;

/// <summary>Team members and their rows, arranged and read as the owner role (no row-level security).</summary>
internal static class TeamData
{
    public const string Password = "correct horse battery staple";

    /// <summary>A new active member of the studio with <see cref="Password"/>; returns its id.</summary>
    public static async Task<Guid> CreateMemberAsync(DatabaseFixture db, string studioSlug, string email, string role = "staff", string password = Password)
    {
        var id = Guid.CreateVersion7();
        await using var conn = await db.OpenOwnerAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO admin_users (studio_id, id, email, full_name, role, password_hash)
            SELECT s.id, $1, $2, $3, $4, $5 FROM studios s WHERE s.slug = $6
            """, conn)
        {
            Parameters =
            {
                new() { Value = id }, new() { Value = email }, new() { Value = "Test " + role }, new() { Value = role },
                new() { Value = new TeamPasswords().Hash(password) }, new() { Value = studioSlug },
            },
        };
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        return id;
    }

    public static async Task ExecuteAsync(DatabaseFixture db, string sql, params object[] values)
    {
        await using var conn = await db.OpenOwnerAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new() { Value = value });
        }
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(DatabaseFixture db, string sql, params object[] values)
    {
        await using var conn = await db.OpenOwnerAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new() { Value = value });
        }
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
