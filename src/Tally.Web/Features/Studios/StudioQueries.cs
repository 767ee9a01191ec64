using Dapper;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Studios;

internal static class StudioQueries
{
    public static async Task<IReadOnlyList<Studio>> ListAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<Studio>(new CommandDefinition(
            "SELECT id, slug, name, timezone FROM studios ORDER BY slug", cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>The studio with this slug; null when there is none (or the slug is malformed).</summary>
    public static async Task<Studio?> FindAsync(TallyDb db, string slug, CancellationToken ct)
    {
        if (!StudioSlug.IsValid(slug))
        {
            return null;
        }
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Studio>(new CommandDefinition(
            "SELECT id, slug, name, timezone FROM studios WHERE slug = @slug", new { slug }, cancellationToken: ct));
    }

    /// <summary>The studio with this id (the signed-in member's, from their claims); null when there is none.</summary>
    public static async Task<Studio?> FindByIdAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Studio>(new CommandDefinition(
            "SELECT id, slug, name, timezone FROM studios WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The first studio by slug: the one the admin app shows until sign-in picks it.</summary>
    public static async Task<Studio?> FirstAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QueryFirstOrDefaultAsync<Studio>(new CommandDefinition(
            "SELECT id, slug, name, timezone FROM studios ORDER BY slug LIMIT 1", cancellationToken: ct));
    }
}
