using Dapper;
using Npgsql;
using Tally.Data.Cluster;

namespace Tally.Data.Security;

/// <summary>A token just made: <see cref="Token"/> is the only copy of the secret, shown once.</summary>
public sealed record NewAccessToken(Guid Id, Guid StudioId, Guid AdminUserId, string Name, string Token, string Prefix, string Role, DateTimeOffset? ExpiresAt);

/// <summary>
/// Personal access tokens (`tly_` + 32 random bytes, base64url): how they are made, hashed and
/// stored. The web app (settings page), the CLI (`./tally token create`), the benchmark and the
/// tests all make tokens here, so there is one format and one hash.
/// </summary>
public static class AccessTokens
{
    public const string Prefix = "tly_";

    /// <summary>Characters of a token kept for display (`tly_` and 8 more): enough to tell tokens apart, useless to an attacker.</summary>
    public const int DisplayLength = 12;

    public const int MaxNameLength = 100;

    public static readonly IReadOnlyList<string> Roles = ["owner", "admin", "staff", "bookkeeper"];

    public static string Generate() => Secrets.New(Prefix);

    public static string Hash(string token) => Secrets.Hash(token);

    public static bool IsWellFormed(string? token) => Secrets.IsWellFormed(token, Prefix);

    public static string DisplayPrefix(string token) => token[..DisplayLength];

    /// <summary>The rule of auth.role_grants: nobody grants more than they hold; staff and bookkeepers only their own role.</summary>
    public static bool RoleGrants(string holder, string granted) =>
        holder == granted
        || (holder == "owner" && granted is "admin" or "staff" or "bookkeeper")
        || (holder == "admin" && granted is "staff" or "bookkeeper");

    /// <summary>
    /// Stores a new token for a team member on the caller's connection and transaction: as the
    /// owner (CLI, benchmark, tests), or as the application role with the member's own claims set,
    /// where the insert policy checks that the token is theirs and within their role.
    /// </summary>
    public static async Task<NewAccessToken> CreateAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid studioId, Guid adminUserId, string name, string role,
        DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        var token = Generate();
        var created = new NewAccessToken(Guid.CreateVersion7(), studioId, adminUserId, name.Trim(), token, DisplayPrefix(token), role, expiresAt);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO api_tokens (studio_id, id, admin_user_id, name, token_prefix, token_hash, role, expires_at)
            VALUES (@StudioId, @Id, @AdminUserId, @Name, @Prefix, @Hash, @Role, @ExpiresAt)
            """,
            new { created.StudioId, created.Id, created.AdminUserId, created.Name, created.Prefix, Hash = Hash(token), created.Role, created.ExpiresAt },
            transaction, cancellationToken: ct));
        return created;
    }

    /// <summary>
    /// Makes a token for the team member with this email in the studio with this slug, with their
    /// own role unless a lower one is asked for. Runs as the owner (it reads any studio's team).
    /// Problems a person can fix (unknown studio or email, deactivated member, role too high)
    /// are <see cref="UserFacingException"/>s.
    /// </summary>
    public static async Task<NewAccessToken> CreateForMemberAsync(
        string ownerConnectionString, string studioSlug, string email, string? name, string? role, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        var studioId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM studios WHERE slug = @studioSlug", new { studioSlug }, cancellationToken: ct))
            ?? throw new UserFacingException($"there is no studio with the slug '{studioSlug}'.");
        var member = await connection.QuerySingleOrDefaultAsync<Member>(new CommandDefinition(
            "SELECT id, role, is_active AS isactive FROM admin_users WHERE studio_id = @studioId AND email = @email::citext",
            new { studioId, email }, cancellationToken: ct))
            ?? throw new UserFacingException($"studio '{studioSlug}' has no team member with the email '{email}'.");
        if (!member.IsActive)
        {
            throw new UserFacingException($"{email} is deactivated in studio '{studioSlug}'; a token of theirs would be refused.");
        }
        var tokenRole = role ?? member.Role;
        if (!Roles.Contains(tokenRole))
        {
            throw new UserFacingException($"unknown role '{tokenRole}': use one of {string.Join(", ", Roles)}.");
        }
        if (!RoleGrants(member.Role, tokenRole))
        {
            throw new UserFacingException($"{email} is {member.Role}, so their token cannot have the role {tokenRole}.");
        }
        var tokenName = string.IsNullOrWhiteSpace(name) ? "./tally token create" : name;
        if (tokenName.Trim().Length > MaxNameLength)
        {
            throw new UserFacingException($"the token's name is longer than {MaxNameLength} characters.");
        }
        return await CreateAsync(connection, null, studioId, member.Id, tokenName, tokenRole, expiresAt: null, ct);
    }

    private sealed record Member(Guid Id, string Role, bool IsActive);
}
