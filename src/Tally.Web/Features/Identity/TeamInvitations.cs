using Dapper;
using Tally.Data.Security;
using Tally.Web.Infrastructure.Identity;
using Tally.Web.Infrastructure.Mail;

namespace Tally.Web.Features.Identity;

/// <summary>An invitation not yet accepted or revoked, as the team page lists it.</summary>
public sealed record PendingInvitation(Guid Id, string Email, string Role, DateTime ExpiresAt, DateTime CreatedAt, string? InvitedBy);

/// <summary>An open invitation, as its link shows it to the invitee.</summary>
public sealed record OpenInvitation(string StudioName, string Email, string Role, DateTime ExpiresAt);

/// <summary>
/// Invitations to the team: a random token (32 bytes, only its SHA-256 stored), valid 7 days, used
/// once, revocable. Making, listing and revoking run under row-level security as the signed-in
/// manager; reading and accepting one by its token run before sign-in, through definer functions.
/// </summary>
public sealed class TeamInvitations(TeamPasswords passwords, MailOutbox outbox)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static async Task<IReadOnlyList<PendingInvitation>> PendingAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<PendingInvitation>(new CommandDefinition("""
            SELECT i.id, i.email::text AS email, i.role, i.expires_at AS expiresat, i.created_at AS createdat, u.full_name AS invitedby
            FROM admin_invitations i
            LEFT JOIN admin_users u ON u.studio_id = i.studio_id AND u.id = i.invited_by
            WHERE i.studio_id = @studioId AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
            ORDER BY i.created_at DESC, i.id
            """, new { studioId = db.Claims.StudioId }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>The open invitation of this address, if any (a new one replaces it).</summary>
    public static async Task<PendingInvitation?> PendingForAsync(TallyDb db, string email, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<PendingInvitation>(new CommandDefinition("""
            SELECT id, email::text AS email, role, expires_at AS expiresat, created_at AS createdat, NULL::text AS invitedby
            FROM admin_invitations
            WHERE studio_id = @studioId AND email = @email::citext AND accepted_at IS NULL AND revoked_at IS NULL
            """, new { studioId = db.Claims.StudioId, email }, cancellationToken: ct));
    }

    /// <summary>
    /// Invites the address with the role, replacing its open invitation, and queues the mail. The
    /// caller has checked that the manager may give the role and that the address is not an active
    /// member yet.
    /// </summary>
    public async Task InviteAsync(TallyDb db, HttpContext http, string email, string role, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var token = Secrets.New();
        var studioId = db.Claims.StudioId;
        // Two statements, in this order: the open invitation must be revoked before the new one
        // passes the one-open-invitation-per-address index (CTEs would run in no set order).
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE admin_invitations SET revoked_at = now()
            WHERE studio_id = @studioId AND email = @email::citext AND accepted_at IS NULL AND revoked_at IS NULL
            """, new { studioId, email }, cancellationToken: ct));
        var invited = await conn.QuerySingleAsync<(string StudioName, DateTime ExpiresAt)>(new CommandDefinition("""
            WITH invited AS (
              INSERT INTO admin_invitations (studio_id, id, email, role, token_hash, invited_by, expires_at)
              VALUES (@studioId, @id, @email, @role, @hash, @invitedBy, now() + @lifetime)
              RETURNING studio_id, expires_at
            )
            SELECT s.name, i.expires_at FROM invited i JOIN studios s ON s.id = i.studio_id
            """, new
        {
            studioId,
            id = Guid.CreateVersion7(),
            email,
            role,
            hash = Secrets.Hash(token),
            invitedBy = db.Claims.UserId,
            lifetime = Lifetime,
        }, cancellationToken: ct));
        var link = PublicLinks.For(http, $"/invitations/accept?token={Uri.EscapeDataString(token)}");
        outbox.Enqueue(IdentityEmails.Invitation(email, invited.StudioName, TeamPrincipal.DisplayName(http.User), role, link, invited.ExpiresAt));
    }

    /// <summary>Revokes an open invitation of the studio; true when one was revoked.</summary>
    public static async Task<bool> RevokeAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE admin_invitations SET revoked_at = now()
            WHERE studio_id = @studioId AND id = @id AND accepted_at IS NULL AND revoked_at IS NULL
            """, new { studioId = db.Claims.StudioId, id }, cancellationToken: ct)) == 1;
    }

    public static async Task<PendingInvitation?> FindPendingAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<PendingInvitation>(new CommandDefinition("""
            SELECT id, email::text AS email, role, expires_at AS expiresat, created_at AS createdat, NULL::text AS invitedby
            FROM admin_invitations
            WHERE studio_id = @studioId AND id = @id AND accepted_at IS NULL AND revoked_at IS NULL
            """, new { studioId = db.Claims.StudioId, id }, cancellationToken: ct));
    }

    /// <summary>The invitation behind a link while it can be accepted; null for a malformed, unknown, used, revoked or expired one.</summary>
    public static async Task<OpenInvitation?> FindOpenAsync(TallyDb db, string? token, CancellationToken ct)
    {
        if (!Secrets.IsWellFormed(token))
        {
            return null;
        }
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<OpenInvitation>(new CommandDefinition(
            "SELECT studio_name AS studioname, email, role, expires_at AS expiresat FROM auth.open_admin_invitation(@hash)",
            new { hash = Secrets.Hash(token!) }, cancellationToken: ct));
    }

    internal sealed record Accepted(Guid StudioId, Guid UserId, string Email, string FullName, string Role,
        bool CanViewAnalytics, bool CanManagePayments, bool CanManageTeam, Guid SecurityStamp);

    /// <summary>Accepts the invitation once: the new member, ready to sign in, or null when the link cannot be used.</summary>
    public async Task<TeamMember?> AcceptAsync(TallyDb db, string? token, string fullName, string password, CancellationToken ct)
    {
        if (!Secrets.IsWellFormed(token))
        {
            return null;
        }
        var conn = await db.ConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Accepted>(new CommandDefinition("""
            SELECT studio_id AS studioid, user_id AS userid, email, full_name AS fullname, role,
                   can_view_analytics AS canviewanalytics, can_manage_payments AS canmanagepayments,
                   can_manage_team AS canmanageteam, security_stamp AS securitystamp
            FROM auth.accept_admin_invitation(@hash, @userId, @fullName, @passwordHash)
            """, new { hash = Secrets.Hash(token!), userId = Guid.CreateVersion7(), fullName, passwordHash = passwords.Hash(password) },
            cancellationToken: ct));
        return row is null
            ? null
            : new TeamMember(row.StudioId, row.UserId, row.Email, row.FullName, row.Role,
                row.CanViewAnalytics, row.CanManagePayments, row.CanManageTeam, row.SecurityStamp);
    }
}
