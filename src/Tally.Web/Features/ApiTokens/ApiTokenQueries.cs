using Dapper;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.ApiTokens;

/// <summary>A token as the settings page lists it: never its secret or hash.</summary>
internal sealed record ApiTokenRow(
    Guid Id, string Name, string TokenPrefix, string Role, Guid AdminUserId, string MemberName, string MemberEmail,
    DateTime CreatedAt, DateTime? LastUsedAt, DateTime? ExpiresAt, DateTime? RevokedAt)
{
    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

internal static class ApiTokenQueries
{
    /// <summary>
    /// Admins: every token of the studio; anyone else: their own. Row-level security enforces the
    /// same; the filter is also written here so the page asks for what it means to show.
    /// </summary>
    public static async Task<IReadOnlyList<ApiTokenRow>> ListAsync(TallyDb db, CancellationToken ct)
    {
        var claims = db.Claims;
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<ApiTokenRow>(new CommandDefinition("""
            SELECT t.id, t.name, t.token_prefix AS tokenprefix, t.role, t.admin_user_id AS adminuserid,
                   coalesce(u.full_name, '') AS membername, coalesce(u.email::text, '') AS memberemail,
                   t.created_at AS createdat, t.last_used_at AS lastusedat, t.expires_at AS expiresat, t.revoked_at AS revokedat
            FROM api_tokens t
            LEFT JOIN admin_users u ON u.studio_id = t.studio_id AND u.id = t.admin_user_id
            WHERE t.studio_id = @studio AND (@admin OR t.admin_user_id = @user)
            ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC
            LIMIT 500
            """, new { studio = claims.StudioId, user = claims.UserId, admin = claims.IsAdmin }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Revokes a token the caller may revoke (their own; any of the studio's for admins). False when there is none.</summary>
    public static async Task<bool> RevokeAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var claims = db.Claims;
        var conn = await db.ConnectionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE api_tokens SET revoked_at = now(), revoked_by = @user
            WHERE studio_id = @studio AND id = @id AND revoked_at IS NULL AND (@admin OR admin_user_id = @user)
            """, new { studio = claims.StudioId, user = claims.UserId, admin = claims.IsAdmin, id }, cancellationToken: ct));
        return changed == 1;
    }
}
