using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Tally.Data.Security;
using Tally.Tests.Web;

namespace Tally.Tests.Security;

/// <summary>Personal access tokens: made on the settings page, shown once, stored hashed, refused when they should be.</summary>
public sealed partial class HttpApiTokenTests(HttpSecurityFactory app) : IClassFixture<HttpSecurityFactory>
{
    private HttpWorld W => app.World;

    [Fact]
    public async Task CreateToken_OnSettingsPage_ShownOnceStoredOnlyAsHashAndWorks()
    {
        // Signed in through the real form with the demo password: a person, not a minted cookie.
        var browser = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        var (_, antiforgery) = await HttpForms.OpenAsync(browser, "/settings/tokens");

        using var created = await HttpForms.PostAsync(browser, "/settings/tokens", antiforgery,
            [new("name", "Zapier sync"), new("role", "staff"), new("lifetime", "30")]);

        var html = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, "the page showing the secret must not be cached");
        var token = Assert.Single(TokenPattern().Matches(html).Select(m => m.Value).Distinct());
        await using var owner = await app.Database.OpenOwnerAsync();
        var row = await owner.QuerySingleAsync<(string Prefix, string Hash, string Role, DateTime? ExpiresAt, string Json)>(
            "SELECT token_prefix, token_hash, role, expires_at, row_to_json(t)::text FROM api_tokens t WHERE token_prefix = @prefix",
            new { prefix = token[..AccessTokens.DisplayLength] });
        Assert.Equal(Secrets.Hash(token), row.Hash);
        Assert.DoesNotContain(token[AccessTokens.Prefix.Length..], row.Json, StringComparison.Ordinal);
        Assert.Equal("staff", row.Role);
        Assert.InRange(row.ExpiresAt!.Value, DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));

        var list = await browser.GetStringAsync("/settings/tokens");
        Assert.Contains(row.Prefix, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await BearerGetAsync(token, "/api/v1/studios")).StatusCode);
    }

    [Fact]
    public async Task CreateToken_RoleAboveOwn_IsRefused()
    {
        var staff = Principal(HttpPrincipal.Staff);
        var browser = app.Browser();
        var (page, antiforgery) = await HttpForms.OpenAsync(browser, "/settings/tokens", staff.Apply);

        using var response = await HttpForms.PostAsync(browser, "/settings/tokens", antiforgery,
            [new("name", "too much"), new("role", "owner"), new("lifetime", "")], staff.Apply);

        Assert.DoesNotContain("value=\"owner\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/settings/tokens?problem=role", HttpForms.Location(response));
        Assert.Equal(0, await CountTokensAsync("too much"));
    }

    [Fact]
    public async Task CreateToken_ByABearerToken_IsForbidden()
    {
        var bearer = Principal(HttpPrincipal.StaffToken);
        var browser = app.Browser();
        var (_, antiforgery) = await HttpForms.OpenAsync(browser, "/settings/tokens", bearer.Apply);

        using var response = await HttpForms.PostAsync(browser, "/settings/tokens", antiforgery,
            [new("name", "minted by a token"), new("role", "staff"), new("lifetime", "30")], bearer.Apply);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CountTokensAsync("minted by a token"));
    }

    [Fact]
    public async Task InsertPolicy_TokenForSomeoneElseOrAboveOwnRole_IsRefusedByTheDatabase()
    {
        await using var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();
        var claims = $$"""{"sub":"{{W.StaffA.UserId}}","role":"staff","studio_id":"{{W.StudioA}}"}""";

        var forOwner = await InsertAsAppAsync(conn, claims, W.OwnerA.UserId, "staff");
        var aboveOwnRole = await InsertAsAppAsync(conn, claims, W.StaffA.UserId, "admin");
        var own = await InsertAsAppAsync(conn, claims, W.StaffA.UserId, "staff");

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, forOwner);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, aboveOwnRole);
        Assert.Null(own);
    }

    [Fact]
    public async Task Bearer_RevokedOnSettingsPage_IsRefusedAtOnce()
    {
        var token = await AccessTokens.CreateForMemberAsync(app.Database.OwnerConnectionString, W.StudioASlug, W.StaffA.Email, "to revoke", null);
        Assert.Equal(HttpStatusCode.OK, (await BearerGetAsync(token.Token, "/api/v1/studios")).StatusCode);
        var staff = Principal(HttpPrincipal.Staff);
        var browser = app.Browser();
        var (_, antiforgery) = await HttpForms.OpenAsync(browser, "/settings/tokens", staff.Apply);

        using var revoke = await HttpForms.PostAsync(browser, $"/settings/tokens/{token.Id}/revoke", antiforgery, [], staff.Apply);

        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        await AssertRefusedAsync(token.Token);
    }

    [Fact]
    public async Task SettingsPage_StaffSeesOwnTokens_AdminSeesAndRevokesEveryTokenOfTheStudio()
    {
        var ownerToken = await AccessTokens.CreateForMemberAsync(app.Database.OwnerConnectionString, W.StudioASlug, W.OwnerA.Email, "owner's own", null);
        var staffToken = await AccessTokens.CreateForMemberAsync(app.Database.OwnerConnectionString, W.StudioASlug, W.StaffA.Email, "staff's own", null);
        var otherStudio = await AccessTokens.CreateForMemberAsync(app.Database.OwnerConnectionString, W.StudioBSlug, W.AdminB.Email, "studio b's", null);

        var staffPage = await GetStringAsync("/settings/tokens", Principal(HttpPrincipal.Staff));
        var admin = Principal(HttpPrincipal.Admin);
        var browser = app.Browser();
        var (adminPage, antiforgery) = await HttpForms.OpenAsync(browser, "/settings/tokens", admin.Apply);

        Assert.Contains(staffToken.Prefix, staffPage, StringComparison.Ordinal);
        Assert.DoesNotContain(ownerToken.Prefix, staffPage, StringComparison.Ordinal);
        Assert.Contains(staffToken.Prefix, adminPage, StringComparison.Ordinal);
        Assert.Contains(ownerToken.Prefix, adminPage, StringComparison.Ordinal);
        Assert.DoesNotContain(otherStudio.Prefix, adminPage, StringComparison.Ordinal);

        using var revoke = await HttpForms.PostAsync(browser, $"/settings/tokens/{staffToken.Id}/revoke", antiforgery, [], admin.Apply);
        using var foreign = await HttpForms.PostAsync(browser, $"/settings/tokens/{otherStudio.Id}/revoke", antiforgery, [], admin.Apply);

        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        await AssertRefusedAsync(staffToken.Token);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await BearerGetAsync(otherStudio.Token, "/api/v1/studios")).StatusCode);
    }

    [Fact]
    public async Task Bearer_Expired_IsRefused()
    {
        var token = AccessTokens.Generate();
        await using var owner = await app.Database.OpenOwnerAsync();
        await owner.ExecuteAsync("""
            INSERT INTO api_tokens (studio_id, id, admin_user_id, name, token_prefix, token_hash, role, created_at, expires_at)
            VALUES (@studio, @id, @user, 'expired', @prefix, @hash, 'staff', now() - interval '2 days', now() - interval '1 second')
            """, new { studio = W.StudioA, id = Guid.CreateVersion7(), user = W.StaffA.UserId, prefix = AccessTokens.DisplayPrefix(token), hash = AccessTokens.Hash(token) });

        await AssertRefusedAsync(token);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("tampered")]
    [InlineData("tly_short")]
    [InlineData("not-a-token-at-all")]
    [InlineData("tly_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public async Task Bearer_UnknownTamperedOrMalformed_IsRefused(string kind)
    {
        var token = kind switch
        {
            "unknown" => AccessTokens.Generate(),
            "tampered" => W.TamperedToken,
            _ => kind,
        };

        await AssertRefusedAsync(token);
    }

    [Fact]
    public async Task Bearer_Used_RecordsLastUseAtMostOnceAMinute()
    {
        var token = await AccessTokens.CreateForMemberAsync(app.Database.OwnerConnectionString, W.StudioASlug, W.StaffA.Email, "last use", null);
        Assert.Null(await LastUsedAsync(token.Id));

        await BearerGetAsync(token.Token, "/api/v1/studios");
        var first = await LastUsedAsync(token.Id);
        await BearerGetAsync(token.Token, "/api/v1/studios");
        var second = await LastUsedAsync(token.Id);
        await using (var owner = await app.Database.OpenOwnerAsync())
        {
            await owner.ExecuteAsync("UPDATE api_tokens SET last_used_at = now() - interval '61 seconds' WHERE id = @Id", token);
        }
        await BearerGetAsync(token.Token, "/api/v1/studios");
        var third = await LastUsedAsync(token.Id);

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.True(third > first, $"{third} after {first}");
    }

    [Fact]
    public async Task Bearer_MemberDeactivatedOrRoleLowered_IsRefused()
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        var id = Guid.CreateVersion7();
        await owner.ExecuteAsync("INSERT INTO admin_users (studio_id, id, email, full_name, role) VALUES (@studio, @id, 'temp-admin@aurora-studio.test', 'Temp Admin', 'admin')",
            new { studio = W.StudioA, id });
        var adminToken = await AccessTokens.CreateForMemberAsync(app.Database.OwnerConnectionString, W.StudioASlug, "temp-admin@aurora-studio.test", "admin token", null);
        var staffToken = await AccessTokens.CreateForMemberAsync(app.Database.OwnerConnectionString, W.StudioASlug, "temp-admin@aurora-studio.test", "scoped down", "staff");
        Assert.Equal(HttpStatusCode.OK, (await BearerGetAsync(adminToken.Token, "/portal-invitations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await BearerGetAsync(staffToken.Token, "/portal-invitations")).StatusCode);

        await owner.ExecuteAsync("UPDATE admin_users SET role = 'staff' WHERE studio_id = @studio AND id = @id", new { studio = W.StudioA, id });
        await AssertRefusedAsync(adminToken.Token);
        Assert.Equal(HttpStatusCode.OK, (await BearerGetAsync(staffToken.Token, "/api/v1/studios")).StatusCode);

        await owner.ExecuteAsync("UPDATE admin_users SET is_active = false WHERE studio_id = @studio AND id = @id", new { studio = W.StudioA, id });
        await AssertRefusedAsync(staffToken.Token);
    }

    [Fact]
    public async Task TokenRow_AfterCreation_OnlyRevocationAndLastUseChange_AndRevocationSticks()
    {
        var token = await AccessTokens.CreateForMemberAsync(app.Database.OwnerConnectionString, W.StudioASlug, W.StaffA.Email, "immutable", null);
        await using var owner = await app.Database.OpenOwnerAsync();
        var revoker = Guid.CreateVersion7();
        await owner.ExecuteAsync("INSERT INTO admin_users (studio_id, id, email, full_name, role) VALUES (@studio, @revoker, 'revoker@aurora-studio.test', 'Revoker', 'admin')",
            new { studio = W.StudioA, revoker });

        var widen = await Assert.ThrowsAsync<PostgresException>(() => owner.ExecuteAsync("UPDATE api_tokens SET role = 'owner' WHERE id = @Id", token));
        await owner.ExecuteAsync("UPDATE api_tokens SET revoked_at = now(), revoked_by = @revoker WHERE id = @id", new { revoker, id = token.Id });
        var unrevoke = await Assert.ThrowsAsync<PostgresException>(() => owner.ExecuteAsync("UPDATE api_tokens SET revoked_at = NULL, revoked_by = NULL WHERE id = @Id", token));
        // The revoker leaves the studio: the token stays revoked, only who revoked it is forgotten.
        await owner.ExecuteAsync("DELETE FROM admin_users WHERE studio_id = @studio AND id = @revoker", new { studio = W.StudioA, revoker });

        Assert.Equal(PostgresErrorCodes.CheckViolation, widen.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, unrevoke.SqlState);
        Assert.NotNull(await owner.QuerySingleAsync<DateTime?>("SELECT revoked_at FROM api_tokens WHERE id = @Id", token));
        await AssertRefusedAsync(token.Token);
    }

    [Fact]
    public async Task Bearer_OfStudioA_OnStudioBsLeads_IsNotFound()
    {
        var response = await BearerGetAsync(W.StaffToken.Token, $"/api/v1/studios/{W.StudioBSlug}/leads");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task AssertRefusedAsync(string token)
    {
        foreach (var url in new[] { "/api/v1/studios", "/settings/tokens" })
        {
            using var response = await BearerGetAsync(token, url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{url}: {(int)response.StatusCode} {body}");
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(W.StudioAName, body, StringComparison.Ordinal);
        }
    }

    private async Task<HttpResponseMessage> BearerGetAsync(string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await app.Raw().SendAsync(request);
    }

    private async Task<string> GetStringAsync(string url, HttpPrincipal principal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        principal.Apply(request);
        using var response = await app.Raw().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private HttpPrincipal Principal(string name) => HttpPrincipal.All(app).Single(p => p.Name == name);

    private async Task<DateTime?> LastUsedAsync(Guid id)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return await owner.QuerySingleAsync<DateTime?>("SELECT last_used_at FROM api_tokens WHERE id = @id", new { id });
    }

    private async Task<long> CountTokensAsync(string name)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return await owner.QuerySingleAsync<long>("SELECT count(*) FROM api_tokens WHERE name = @name", new { name });
    }

    /// <summary>Inserts a token row as tally_app with these claims; the SQLSTATE of the refusal, or null.</summary>
    private async Task<string?> InsertAsAppAsync(NpgsqlConnection conn, string claims, Guid user, string role)
    {
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("SELECT set_config('request.jwt.claims', @claims, true)", new { claims }, tx);
        var token = AccessTokens.Generate();
        try
        {
            await conn.ExecuteAsync("""
                INSERT INTO api_tokens (studio_id, id, admin_user_id, name, token_prefix, token_hash, role)
                VALUES (@studio, @id, @user, 'sql', @prefix, @hash, @role)
                """, new { studio = W.StudioA, id = Guid.CreateVersion7(), user, prefix = AccessTokens.DisplayPrefix(token), hash = AccessTokens.Hash(token), role }, tx);
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
        finally
        {
            await tx.RollbackAsync();
        }
    }

    [GeneratedRegex("tly_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenPattern();
}
