using Dapper;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Portal;

internal sealed record PortalSession(Guid Id, string Title, string SessionType, string Status, DateTime? StartsAt, string? LocationName);

internal sealed record PortalQuote(Guid Id, string Title, string Status, decimal Total, string Currency, DateOnly? ValidUntil);

internal sealed record PortalContract(Guid Id, string Title, string Status, DateTime? SentAt, DateTime? SignedAt);

internal sealed record PortalPayment(Guid Id, string? Description, decimal Amount, string Currency, string Status, DateOnly? DueDate, DateTime? PaidAt);

internal sealed record PortalGallery(Guid Id, string Title, string Status, DateTime? PublishedAt, DateTime? ExpiresAt, long Images);

internal sealed record PortalImage(Guid Id, string FileName, int Width, int Height, long ByteSize);

/// <summary>Everything the portal's home page lists for the signed-in client.</summary>
internal sealed record PortalOverview(
    Studio Studio, string FirstName, IReadOnlyList<PortalSession> Sessions, IReadOnlyList<PortalQuote> Quotes,
    IReadOnlyList<PortalContract> Contracts, IReadOnlyList<PortalPayment> Payments, IReadOnlyList<PortalGallery> Galleries);

/// <summary>
/// The client's own records. Row-level security already limits a client to their rows (and hides
/// drafts); the queries say so too, so they read the (studio_id, client_id) indexes directly and
/// stay right even if a policy were loosened.
/// </summary>
internal static class PortalQueries
{
    public static async Task<PortalOverview?> OverviewAsync(TallyDb db, CancellationToken ct)
    {
        var (studio, client) = Ids(db);
        var conn = await db.ConnectionAsync(ct);
        var args = new { studio, client };
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition("""
            SELECT s.id, s.slug, s.name, s.timezone, c.first_name AS firstname
            FROM clients c JOIN studios s ON s.id = c.studio_id
            WHERE c.studio_id = @studio AND c.id = @client;

            SELECT id, title, session_type AS sessiontype, status, starts_at AS startsat, location_name AS locationname
            FROM sessions WHERE studio_id = @studio AND client_id = @client
            ORDER BY starts_at DESC NULLS LAST, id DESC LIMIT 200;

            SELECT id, title, status, total, currency, valid_until AS validuntil
            FROM quotes WHERE studio_id = @studio AND client_id = @client AND status <> 'draft'
            ORDER BY created_at DESC, id DESC LIMIT 200;

            SELECT id, title, status, sent_at AS sentat, signed_at AS signedat
            FROM contracts WHERE studio_id = @studio AND client_id = @client AND status <> 'draft'
            ORDER BY created_at DESC, id DESC LIMIT 200;

            SELECT id, description, amount, currency, status, due_date AS duedate, paid_at AS paidat
            FROM payments WHERE studio_id = @studio AND client_id = @client
            ORDER BY due_date DESC NULLS LAST, id DESC LIMIT 200;

            SELECT g.id, g.title, g.status, g.published_at AS publishedat, g.expires_at AS expiresat,
                   (SELECT count(*) FROM gallery_images i WHERE i.studio_id = g.studio_id AND i.gallery_id = g.id) AS images
            FROM galleries g WHERE g.studio_id = @studio AND g.client_id = @client AND g.status <> 'draft'
            ORDER BY g.published_at DESC NULLS LAST, g.id DESC LIMIT 200;
            """, args, cancellationToken: ct));
        var who = await grid.ReadSingleOrDefaultAsync<Who>();
        if (who is null)
        {
            return null;
        }
        return new PortalOverview(new Studio(who.Id, who.Slug, who.Name, who.TimeZone), who.FirstName,
            (await grid.ReadAsync<PortalSession>()).AsList(), (await grid.ReadAsync<PortalQuote>()).AsList(),
            (await grid.ReadAsync<PortalContract>()).AsList(), (await grid.ReadAsync<PortalPayment>()).AsList(),
            (await grid.ReadAsync<PortalGallery>()).AsList());
    }

    /// <summary>One of the client's galleries and its images; null when it is not theirs (or a draft).</summary>
    public static async Task<(PortalGallery Gallery, IReadOnlyList<PortalImage> Images)?> GalleryAsync(TallyDb db, Guid galleryId, CancellationToken ct)
    {
        var (studio, client) = Ids(db);
        var conn = await db.ConnectionAsync(ct);
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition("""
            SELECT g.id, g.title, g.status, g.published_at AS publishedat, g.expires_at AS expiresat, 0::bigint AS images
            FROM galleries g
            WHERE g.studio_id = @studio AND g.id = @galleryId AND g.client_id = @client AND g.status <> 'draft';

            SELECT i.id, i.file_name AS filename, i.width, i.height, i.byte_size AS bytesize
            FROM gallery_images i
            JOIN galleries g ON g.studio_id = i.studio_id AND g.id = i.gallery_id
            WHERE i.studio_id = @studio AND i.gallery_id = @galleryId AND g.client_id = @client AND g.status <> 'draft'
            ORDER BY i.sort_order, i.id LIMIT 1000;
            """, new { studio, client, galleryId }, cancellationToken: ct));
        var gallery = await grid.ReadSingleOrDefaultAsync<PortalGallery>();
        if (gallery is null)
        {
            return null;
        }
        var images = (await grid.ReadAsync<PortalImage>()).AsList();
        return (gallery with { Images = images.Count }, images);
    }

    private sealed record Who(Guid Id, string Slug, string Name, string TimeZone, string FirstName);

    private static (Guid Studio, Guid Client) Ids(TallyDb db) =>
        (db.Claims.StudioId ?? throw new InvalidOperationException("A portal page runs for a signed-in client: no studio claim."),
         db.Claims.ClientId ?? throw new InvalidOperationException("A portal page runs for a signed-in client: no client claim."));
}
