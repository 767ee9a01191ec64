using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Tally.Data.Security;
using Tally.Tests.Web;
using Tally.Web.Features.Audit;

namespace Tally.Tests.Audit;

/// <summary>
/// Exports and token use are audit events with actions of their own (issue 5): who exported what
/// with which criteria, and which token was used, at most once a minute per token.
/// </summary>
public sealed class AuditSecurityEventsTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private const string Studio = "aurora-studio";

    [Theory]
    [InlineData("/leads/export.csv?source=instagram", "leads", "instagram")]
    [InlineData("/clients/export.csv?q=an", "clients", "an")]
    [InlineData("/api/v1/studios/aurora-studio/analytics/lead-sources.csv?period=90d", "analytics/lead-sources", "90d")]
    public async Task CsvExport_IsRecordedWithWhoWhatAndCriteria(string url, string what, string criterion)
    {
        var client = await app.CreateSignedInClientAsync();
        var since = await NowAsync();

        var response = await client.GetAsync(url);
        await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await EventsAsync(AuditEvents.Export, since));
        Assert.Equal(TestSignIn.AuroraOwner, row.Email);
        var metadata = JsonDocument.Parse(row.Metadata).RootElement;
        Assert.Equal(what, metadata.GetProperty("what").GetString());
        Assert.Contains(criterion, metadata.GetProperty("criteria").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenUse_IsRecordedOnce_ForABurstOfRequests()
    {
        var token = await AccessTokens.CreateForMemberAsync(app.Database.OwnerConnectionString, Studio, TestSignIn.AuroraOwner, "audit probe", role: null);
        var since = await NowAsync();
        var http = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/studios");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        var row = Assert.Single(await EventsAsync(AuditEvents.TokenUsed, since));
        Assert.Equal(TestSignIn.AuroraOwner, row.Email);
        var metadata = JsonDocument.Parse(row.Metadata).RootElement;
        Assert.Equal("audit probe", metadata.GetProperty("token_name").GetString());
        Assert.DoesNotContain(token.Token, row.Metadata, StringComparison.Ordinal);
    }

    private async Task<DateTime> NowAsync()
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return await owner.ExecuteScalarAsync<DateTime>("SELECT clock_timestamp()");
    }

    private async Task<List<(string Email, string Metadata)>> EventsAsync(string action, DateTime since)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return (await owner.QueryAsync<(string, string)>("""
            SELECT a.user_email::text, a.metadata::text FROM audit_log a JOIN studios s ON s.id = a.studio_id
            WHERE s.slug = @Studio AND a.action = @action AND a.occurred_at >= @since ORDER BY a.entry_no
            """, new { Studio, action, since })).ToList();
    }
}
