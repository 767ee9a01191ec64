using Dapper;
using Npgsql;
using Tally.Tests.Web;

namespace Tally.Tests.Inquiry;

/// <summary>The definer functions of the inquiry form: how they are set up, and that the anonymous role has no other way in.</summary>
public sealed class InquiryFunctionTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Theory]
    [InlineData("auth.inquiry_studio(text)")]
    [InlineData("auth.submit_inquiry(text, uuid, uuid, text, text, text, text, text, text, date, numeric, text, text)")]
    public async Task Function_IsSecurityDefinerOwnedByOwnerWithFixedSearchPathExecutableByAppOnly(string signature)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        var fn = await owner.QuerySingleAsync<(bool Definer, string[] Config, string Owner, bool App, bool Public)>("""
            SELECT p.prosecdef, p.proconfig, p.proowner::regrole::text,
                   has_function_privilege('tally_app', p.oid, 'EXECUTE'),
                   EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')
            FROM pg_proc p WHERE p.oid = @signature::regprocedure
            """, new { signature });

        Assert.True(fn.Definer);
        Assert.Contains(fn.Config, c => c.StartsWith("search_path=pg_catalog", StringComparison.Ordinal));
        Assert.Equal("tally_owner", fn.Owner);
        Assert.True(fn.App);
        Assert.False(fn.Public);
    }

    [Fact]
    public async Task AnonymousApp_CannotInsertALeadDirectly_OnlyThroughTheFunction()
    {
        await using var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var studio = await conn.QuerySingleAsync<Guid>("SELECT id FROM auth.inquiry_studio('aurora-studio')");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(
            "INSERT INTO leads (studio_id, id, first_name, email) VALUES (@studio, @id, 'Eve', 'eve@example.com')",
            new { studio, id = Guid.CreateVersion7() }));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task Submit_UnknownStudio_ReturnsNoRowAndWritesNothing()
    {
        await using var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();

        var rows = await conn.QueryAsync("""
            SELECT * FROM auth.submit_inquiry('no-such-studio', @a, @b, 'Eve', 'Doe', NULL, 'eve@example.com', NULL, 'wedding', NULL, NULL, 'google', NULL)
            """, new { a = Guid.CreateVersion7(), b = Guid.CreateVersion7() });

        Assert.Empty(rows);
    }

    [Fact]
    public async Task Submit_ValueTheTableRefuses_FailsWholeAndWritesNothing()
    {
        await using var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();
        var email = InquiryForm.NewEmail();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("""
            SELECT * FROM auth.submit_inquiry('aurora-studio', @a, @b, 'Eve', 'Doe', NULL, @email, NULL, 'rodeo', NULL, NULL, 'google', NULL)
            """, new { a = Guid.CreateVersion7(), b = Guid.CreateVersion7(), email }));

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(0, await owner.QuerySingleAsync<long>("SELECT count(*) FROM leads WHERE email = @email::citext", new { email }));
    }
}
