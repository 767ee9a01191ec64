using Dapper;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Portal;

internal static class PortalStudios
{
    /// <summary>
    /// The public face of a studio for a visitor who is not signed in (row-level security hides the
    /// studios table from them): auth.studio_by_slug returns only id, slug, name and time zone.
    /// </summary>
    public static async Task<Studio?> FindAsync(TallyDb db, string? slug, CancellationToken ct)
    {
        if (!StudioSlug.IsValid(slug))
        {
            return null;
        }
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Studio>(new CommandDefinition(
            "SELECT id, slug, name, timezone FROM auth.studio_by_slug(@slug)", new { slug }, cancellationToken: ct));
    }
}
