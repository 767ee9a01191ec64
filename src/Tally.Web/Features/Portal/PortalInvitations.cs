using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Data.Security;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Portal;

/// <summary>A client as the invitations page lists them, with where their portal access stands.</summary>
internal sealed record InvitableClient(Guid Id, string FirstName, string? LastName, string Email, DateTime? InvitedAt, DateTime? AcceptedAt, DateTime? ExpiresAt)
{
    public string Name => string.IsNullOrWhiteSpace(LastName) ? FirstName : $"{FirstName} {LastName}";
}

/// <summary>The studio invites a client to the portal: a one-time link, valid a week, mailed to them.</summary>
internal static class PortalInvitations
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public const int MaxSearchLength = 100;

    /// <summary>Clients whose name or email contains the text (all when empty), newest first, with their latest invitation.</summary>
    public static async Task<IReadOnlyList<InvitableClient>> SearchAsync(TallyDb db, string? search, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var pattern = string.IsNullOrWhiteSpace(search) ? null : "%" + EscapeLike(search.Trim()) + "%";
        var rows = await conn.QueryAsync<InvitableClient>(new CommandDefinition("""
            SELECT c.id, c.first_name AS firstname, c.last_name AS lastname, c.email::text AS email,
                   i.created_at AS invitedat, i.accepted_at AS acceptedat, i.expires_at AS expiresat
            FROM clients c
            LEFT JOIN LATERAL (
              SELECT created_at, accepted_at, expires_at FROM client_invitations ci
              WHERE ci.studio_id = c.studio_id AND ci.client_id = c.id AND ci.revoked_at IS NULL
              ORDER BY ci.created_at DESC LIMIT 1) i ON true
            WHERE c.studio_id = @studio
              AND (@pattern::text IS NULL OR c.email::text ILIKE @pattern OR (c.first_name || ' ' || coalesce(c.last_name, '')) ILIKE @pattern)
            ORDER BY c.created_at DESC, c.id DESC
            LIMIT 50
            """, new { studio = db.Claims.StudioId, pattern }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Replaces the client's open invitation (at most one may be open) with a new one and mails it.</summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> InviteAsync(
        Guid id, [FromForm(Name = "q")] string? search, TallyDb db, PortalMail mail, HttpContext http, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var args = new { studio = db.Claims.StudioId, id };
        var client = await conn.QuerySingleOrDefaultAsync<Invitee>(new CommandDefinition("""
            SELECT c.first_name AS firstname, c.email::text AS email, s.name AS studioname
            FROM clients c JOIN studios s ON s.id = c.studio_id
            WHERE c.studio_id = @studio AND c.id = @id
            """, args, cancellationToken: ct));
        if (client is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no client of your studio with that id.");
        }
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE client_invitations SET revoked_at = now()
            WHERE studio_id = @studio AND client_id = @id AND accepted_at IS NULL AND revoked_at IS NULL
            """, args, cancellationToken: ct));
        var secret = Secrets.New();
        var expiresAt = DateTime.UtcNow + Lifetime;
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_invitations (studio_id, id, client_id, email, token_hash, invited_by, expires_at)
            VALUES (@studio, @invitation, @id, @email, @hash, @invitedBy, @expiresAt)
            """, new { args.studio, args.id, invitation = Guid.CreateVersion7(), email = client.Email, hash = Secrets.Hash(secret), invitedBy = db.Claims.UserId, expiresAt },
            cancellationToken: ct));
        mail.Send(PortalMessages.Invitation(client.FirstName, client.Email, client.StudioName, expiresAt, PortalMail.Url(http, $"/portal/accept?token={secret}")));
        var query = string.IsNullOrWhiteSpace(search) ? "" : "&q=" + Uri.EscapeDataString(search.Trim()[..Math.Min(search.Trim().Length, MaxSearchLength)]);
        return TypedResults.Redirect($"/portal-invitations?invited={id}{query}");
    }

    // Control characters (NUL above all, which PostgreSQL refuses in text) can match nothing: drop them.
    private static string EscapeLike(string text) =>
        new string([.. text[..Math.Min(text.Length, MaxSearchLength)].Where(c => !char.IsControl(c))]).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed record Invitee(string FirstName, string Email, string StudioName);
}
