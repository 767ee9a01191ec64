using Dapper;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Identity;

/// <summary>One member of the team as the team page lists them.</summary>
public sealed record TeamMemberRow(Guid Id, string Email, string FullName, string Role, bool IsActive, DateTime? LockedUntil, DateTime? LastSignInAt);

/// <summary>
/// The team of the signed-in member's studio, read and changed under row-level security: the
/// admin_users policies decide who may see and change whom, and every statement names the studio
/// of the claims as well.
/// </summary>
internal static class TeamMembers
{
    public static async Task<IReadOnlyList<TeamMemberRow>> ListAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<TeamMemberRow>(new CommandDefinition("""
            SELECT id, email::text AS email, full_name AS fullname, role, is_active AS isactive,
                   CASE WHEN locked_until > now() THEN locked_until END AS lockeduntil, last_sign_in_at AS lastsigninat
            FROM admin_users
            WHERE studio_id = @studioId
            ORDER BY is_active DESC, array_position(ARRAY['owner', 'admin', 'staff', 'bookkeeper'], role), full_name, id
            """, new { studioId = db.Claims.StudioId }, cancellationToken: ct));
        return rows.AsList();
    }

    public static async Task<TeamMemberRow?> FindAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<TeamMemberRow>(new CommandDefinition("""
            SELECT id, email::text AS email, full_name AS fullname, role, is_active AS isactive,
                   locked_until AS lockeduntil, last_sign_in_at AS lastsigninat
            FROM admin_users
            WHERE studio_id = @studioId AND id = @id
            """, new { studioId = db.Claims.StudioId, id }, cancellationToken: ct));
    }

    /// <summary>True when an active member of the studio has this address.</summary>
    public static async Task<bool> IsActiveMemberAsync(TallyDb db, string email, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM admin_users WHERE studio_id = @studioId AND email = @email::citext AND is_active)",
            new { studioId = db.Claims.StudioId, email }, cancellationToken: ct));
    }

    /// <summary>Gives the member a role and that role's default permissions; true when a row changed.</summary>
    public static async Task<bool> ChangeRoleAsync(TallyDb db, Guid id, string role, CancellationToken ct)
    {
        var (analytics, payments, team) = TeamPermissions.DefaultsFor(role);
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE admin_users
            SET role = @role, can_view_analytics = @analytics, can_manage_payments = @payments, can_manage_team = @team
            WHERE studio_id = @studioId AND id = @id
            """, new { studioId = db.Claims.StudioId, id, role, analytics, payments, team }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Deactivates (the member's sessions end at their next request: the stamp changes) or
    /// reactivates (with a clean lockout); true when a row changed.
    /// </summary>
    public static async Task<bool> SetActiveAsync(TallyDb db, Guid id, bool active, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE admin_users
            SET is_active = @active,
                security_stamp = CASE WHEN @active THEN security_stamp ELSE gen_random_uuid() END,
                failed_sign_in_count = 0,
                locked_until = NULL
            WHERE studio_id = @studioId AND id = @id
            """, new { studioId = db.Claims.StudioId, id, active }, cancellationToken: ct)) == 1;
    }
}
