using Dapper;
using Npgsql;
using Tally.Data.Security;

namespace Tally.Tests.Security;

/// <summary>A team member of a studio, with what a session of theirs needs.</summary>
public sealed record HttpMember(Guid StudioId, Guid UserId, string Email, string FullName, string Role, Guid SecurityStamp);

/// <summary>A portal client and one of their (published) galleries.</summary>
public sealed record HttpClientRecord(Guid StudioId, Guid ClientId, string Email, Guid GalleryId, string GalleryTitle);

/// <summary>
/// The people and data of the HTTP security tests, arranged as the owner on top of the demo seed.
/// Studio A is aurora-studio, studio B north-light. The markers are studio A values that must not
/// appear in an answer to someone who may not see them.
/// </summary>
public sealed record HttpWorld(
    string StudioASlug, Guid StudioA, string StudioAName, string StudioBSlug, Guid StudioB,
    HttpMember OwnerA, HttpMember AdminA, HttpMember StaffA, HttpMember BookkeeperA, HttpMember AdminB,
    HttpClientRecord ClientA1, HttpClientRecord ClientA2, HttpClientRecord ClientB1,
    NewAccessToken StaffToken, NewAccessToken RevokedToken, string TamperedToken,
    IReadOnlyList<string> TeamOnlyLeadEmails)
{
    public static async Task<HttpWorld> ArrangeAsync(string owner)
    {
        await using var conn = new NpgsqlConnection(owner);
        await conn.OpenAsync();
        var a = await conn.QuerySingleAsync<(Guid Id, string Name)>("SELECT id, name FROM studios WHERE slug = 'aurora-studio'");
        var b = await conn.QuerySingleAsync<Guid>("SELECT id FROM studios WHERE slug = 'north-light'");

        // The demo has no plain admin for certain: add one to each studio.
        await AddAdminAsync(conn, a.Id, "admin@aurora-studio.test", "Ada Admin");
        await AddAdminAsync(conn, b, "admin@north-light.test", "Bea Admin");
        // Seeded members have no security stamp until their first sign-in; sessions need one.
        await conn.ExecuteAsync("UPDATE admin_users SET security_stamp = gen_random_uuid() WHERE security_stamp IS NULL");

        var clients = (await conn.QueryAsync<HttpClientRecord>("""
            SELECT DISTINCT ON (c.studio_id, c.id) c.studio_id AS studioid, c.id AS clientid, c.email::text AS email, g.id AS galleryid, g.title AS gallerytitle
            FROM clients c
            JOIN galleries g ON g.studio_id = c.studio_id AND g.client_id = c.id AND g.status <> 'draft'
            WHERE c.studio_id = @studio
              AND EXISTS (SELECT 1 FROM client_invitations i WHERE i.studio_id = c.studio_id AND i.client_id = c.id AND i.revoked_at IS NULL)
              AND EXISTS (SELECT 1 FROM sessions s WHERE s.studio_id = c.studio_id AND s.client_id = c.id)
              AND EXISTS (SELECT 1 FROM gallery_images m WHERE m.studio_id = g.studio_id AND m.gallery_id = g.id)
            ORDER BY c.studio_id, c.id, g.id
            LIMIT 2
            """, new { studio = a.Id })).ToList();
        var clientB = await conn.QuerySingleAsync<HttpClientRecord>("""
            SELECT c.studio_id AS studioid, c.id AS clientid, c.email::text AS email, g.id AS galleryid, g.title AS gallerytitle
            FROM clients c JOIN galleries g ON g.studio_id = c.studio_id AND g.client_id = c.id
            WHERE c.studio_id = @b AND EXISTS (SELECT 1 FROM client_invitations i WHERE i.studio_id = c.studio_id AND i.client_id = c.id AND i.revoked_at IS NULL)
            ORDER BY c.id, g.id LIMIT 1
            """, new { b });

        // Leads only owners and admins may see: not assigned to anyone, not converted into a client.
        // From the first page of the list, so an admin's answers show them (the markers work).
        var teamOnlyLeads = (await conn.QueryAsync<string>("""
            WITH first_page AS (SELECT * FROM leads WHERE studio_id = @studio ORDER BY created_at DESC, id DESC LIMIT 50)
            SELECT email::text FROM first_page
            WHERE assigned_to IS NULL AND converted_client_id IS NULL AND email IS NOT NULL
            ORDER BY created_at DESC LIMIT 3
            """, new { studio = a.Id })).ToList();

        var staffToken = await AccessTokens.CreateForMemberAsync(owner, "aurora-studio", "staff@aurora-studio.test", "matrix: staff", null);
        var revoked = await AccessTokens.CreateForMemberAsync(owner, "aurora-studio", "staff@aurora-studio.test", "matrix: revoked", null);
        await conn.ExecuteAsync("UPDATE api_tokens SET revoked_at = now() WHERE id = @Id", revoked);

        return new HttpWorld(
            "aurora-studio", a.Id, a.Name, "north-light", b,
            await MemberAsync(conn, a.Id, "owner@aurora-studio.test"),
            await MemberAsync(conn, a.Id, "admin@aurora-studio.test"),
            await MemberAsync(conn, a.Id, "staff@aurora-studio.test"),
            await MemberAsync(conn, a.Id, "bookkeeper@aurora-studio.test"),
            await MemberAsync(conn, b, "admin@north-light.test"),
            clients[0], clients[1], clientB,
            staffToken, revoked, Tamper(staffToken.Token),
            teamOnlyLeads);
    }

    /// <summary>The same token with its last character changed: well formed, wrong hash.</summary>
    public static string Tamper(string token) => token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

    private static Task AddAdminAsync(NpgsqlConnection conn, Guid studio, string email, string name) =>
        conn.ExecuteAsync("""
            INSERT INTO admin_users (studio_id, id, email, full_name, role, can_view_analytics, can_manage_team)
            VALUES (@studio, @id, @email, @name, 'admin', true, true)
            ON CONFLICT (studio_id, email) DO NOTHING
            """, new { studio, id = Guid.CreateVersion7(), email, name });

    private static Task<HttpMember> MemberAsync(NpgsqlConnection conn, Guid studio, string email) =>
        conn.QuerySingleAsync<HttpMember>("""
            SELECT studio_id AS studioid, id AS userid, email::text AS email, full_name AS fullname, role, security_stamp AS securitystamp
            FROM admin_users WHERE studio_id = @studio AND email = @email::citext
            """, new { studio, email });
}
