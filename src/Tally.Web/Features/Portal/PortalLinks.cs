using Dapper;
using Tally.Data.Security;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Portal;

/// <summary>A sign-in link just issued: whom to mail, and the secret (only in the mail, never stored).</summary>
internal sealed record IssuedLink(string StudioSlug, string StudioName, string FirstName, string Email, DateTime ExpiresAt, string Secret);

internal static class PortalLinks
{
    public const int MaxEmailLength = 254;

    /// <summary>
    /// Issues a 15-minute sign-in link when the address belongs to a client of that studio with
    /// portal access; null otherwise (unknown address, another studio's client, too many requests).
    /// </summary>
    public static async Task<IssuedLink?> IssueAsync(TallyDb db, string studioSlug, string email, CancellationToken ct)
    {
        var secret = Secrets.New();
        var conn = await db.ConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<IssuedRow>(new CommandDefinition("""
            SELECT studio_slug AS slug, studio_name AS name, first_name AS firstname, email, expires_at AS expiresat
            FROM auth.issue_client_sign_in_link(@studioSlug, @email, @id, @hash)
            """, new { studioSlug, email, id = Guid.CreateVersion7(), hash = Secrets.Hash(secret) }, cancellationToken: ct));
        return row is null ? null : new IssuedLink(row.Slug, row.Name, row.FirstName, row.Email, row.ExpiresAt, secret);
    }

    private sealed record IssuedRow(string Slug, string Name, string FirstName, string Email, DateTime ExpiresAt);

    /// <summary>Loose shape check: the database's own check is the real one; this only spares it obvious junk.</summary>
    public static bool LooksLikeEmail(string? email) =>
        email is { Length: > 2 and <= MaxEmailLength } && email.IndexOf('@', StringComparison.Ordinal) > 0 && !email.Any(char.IsWhiteSpace);
}
