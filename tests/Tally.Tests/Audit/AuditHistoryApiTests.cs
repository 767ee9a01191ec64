using System.Globalization;
using System.Net;
using Dapper;
using Npgsql;
using Tally.Tests.Web;
using Tally.Web.Features.Audit;

namespace Tally.Tests.Audit;

/// <summary>
/// GET /api/v1/audit/{table}/{id}: a record's history and, with asOf, the record as it was then;
/// and sign-ins recorded as audit events.
/// </summary>
public sealed class AuditHistoryApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private const string Studio = "aurora-studio";

    [Fact]
    public async Task AsOf_AfterSeveralUpdates_GivesBackEachEarlierVersionExactly()
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        var (lead, original) = await owner.QueryFirstAsync<(Guid, string)>(
            "SELECT l.id, l.first_name FROM leads l JOIN studios s ON s.id = l.studio_id WHERE s.slug = @Studio ORDER BY l.id LIMIT 1", new { Studio });
        var moments = new List<DateTime> { await NowAsync(owner) };
        foreach (var (name, phone) in new[] { ("Version One", "+1 555 0101"), ("Version Two", "+1 555 0102"), ("Version Three", "+1 555 0102") })
        {
            await owner.ExecuteAsync("UPDATE leads SET first_name = @name, phone = @phone WHERE id = @lead", new { name, phone, lead });
            moments.Add(await NowAsync(owner));
        }
        var client = await app.CreateSignedInClientAsync();

        var names = new List<string?>();
        foreach (var moment in moments)
        {
            var asOf = Uri.EscapeDataString(moment.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
            var snapshot = await WebAssert.OkJsonAsync<AuditSnapshot>(await client.GetAsync($"/api/v1/audit/leads/{lead}?asOf={asOf}"));
            names.Add(snapshot.Values["first_name"]?.GetValue<string>());
        }
        var history = await WebAssert.OkJsonAsync<AuditHistoryPage>(await client.GetAsync($"/api/v1/audit/leads/{lead}"));
        var before = await client.GetAsync($"/api/v1/audit/leads/{lead}?asOf=2000-01-01T00:00:00Z");

        Assert.Equal([original, "Version One", "Version Two", "Version Three"], names);
        Assert.Equal("insert", history.Changes[0].Action);
        var updates = history.Changes.Where(c => c.Action == "update").ToList();
        Assert.Equal(3, updates.Count);
        Assert.Equal(["first_name", "phone"], updates[1].Fields.Select(f => f.Field));
        Assert.Equal("Version One", updates[1].Fields[0].From?.GetValue<string>());
        Assert.Equal("Version Two", updates[1].Fields[0].To?.GetValue<string>());
        Assert.Equal(["first_name"], updates[2].Fields.Select(f => f.Field));
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/audit/audit_log/0190c1c4-0000-7000-8000-000000000000")]
    [InlineData("/api/v1/audit/leads;drop/0190c1c4-0000-7000-8000-000000000000")]
    [InlineData("/api/v1/audit/leads/0190c1c4-0000-7000-8000-000000000000?asOf=yesterday")]
    public async Task UnknownTableOrBadTimestamp_Is400(string url)
    {
        var client = await app.CreateSignedInClientAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task SignIns_SucceededAndFailed_AreAuditEventsOfTheStudio()
    {
        (await TestSignIn.SignInAsync(app, TestSignIn.AuroraBookkeeper)).Dispose();
        using var failed = await HtmlForms.SignInAsync(TestSignIn.CreateClient(app, new CookieContainer()), TestSignIn.AuroraBookkeeper, "not the password");

        await using var owner = await app.Database.OpenOwnerAsync();
        var events = (await owner.QueryAsync<string>("""
            SELECT a.action FROM audit_log a JOIN studios s ON s.id = a.studio_id
            WHERE s.slug = @Studio AND a.table_name IS NULL AND a.user_email = @email ORDER BY a.entry_no
            """, new { Studio, email = TestSignIn.AuroraBookkeeper })).ToList();

        Assert.Equal([AuditEvents.SignIn, AuditEvents.SignInFailed], events);
    }

    [Fact]
    public async Task AuditPage_ShowsTheVerifiedChainToAnOwner()
    {
        var client = await app.CreateSignedInClientAsync();

        var html = await (await client.GetAsync("/audit")).Content.ReadAsStringAsync();

        Assert.Contains("data-chain=\"ok\"", html, StringComparison.Ordinal);
    }

    private static async Task<DateTime> NowAsync(NpgsqlConnection conn) =>
        await conn.ExecuteScalarAsync<DateTime>("SELECT clock_timestamp()");
}
