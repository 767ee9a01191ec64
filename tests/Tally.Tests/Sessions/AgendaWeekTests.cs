using System.Net;
using Dapper;
using Tally.Tests.Clients;
using Tally.Tests.Web;

namespace Tally.Tests.Sessions;

/// <summary>
/// The agenda's week is the studio's: Monday 00:00 to Monday 00:00 on its wall clock. The studio is
/// put in Pacific/Auckland (UTC+13 in its summer), where that week starts on Sunday in UTC.
/// </summary>
public sealed class AgendaWeekTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    [Fact]
    public async Task Week_HoldsExactlyTheSessionsStartingInItOnTheStudiosClock_ByDay()
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        await owner.ExecuteAsync("UPDATE studios SET timezone = 'Pacific/Auckland' WHERE slug = 'aurora-studio'");
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        // ISO week 2033-W02: Monday 10 January to Sunday 16 January 2033.
        var before = await BookAsync(http, client.Id, new DateTime(2033, 1, 9, 23, 30, 0));
        var mondayEarly = await BookAsync(http, client.Id, new DateTime(2033, 1, 10, 0, 15, 0));
        var sundayLate = await BookAsync(http, client.Id, new DateTime(2033, 1, 16, 23, 0, 0));
        var after = await BookAsync(http, client.Id, new DateTime(2033, 1, 17, 0, 0, 0));

        var html = await http.GetStringAsync("/sessions/agenda?week=2033-W02");

        Assert.DoesNotContain(before.ToString(), html, StringComparison.Ordinal);
        Assert.DoesNotContain(after.ToString(), html, StringComparison.Ordinal);
        var monday = html.IndexOf("data-day=\"2033-01-10\"", StringComparison.Ordinal);
        var tuesday = html.IndexOf("data-day=\"2033-01-11\"", StringComparison.Ordinal);
        var sunday = html.IndexOf("data-day=\"2033-01-16\"", StringComparison.Ordinal);
        var first = html.IndexOf($"data-session=\"{mondayEarly}\"", StringComparison.Ordinal);
        var last = html.IndexOf($"data-session=\"{sundayLate}\"", StringComparison.Ordinal);
        Assert.InRange(first, monday, tuesday);
        Assert.True(last > sunday, "the Sunday 23:00 session is not under Sunday");
        Assert.Contains("00:15–01:15", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/sessions/agenda?week=2033-W01\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/sessions/agenda?week=2033-W03\"", html, StringComparison.Ordinal);
        Assert.Contains(before.ToString(), await http.GetStringAsync("/sessions/agenda?week=2033-W01"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Week_YearWith53Weeks_LinksAcrossTheYear()
    {
        var http = await app.CreateSignedInClientAsync();

        var html = await http.GetStringAsync("/sessions/agenda?week=2032-W53");

        Assert.Contains("href=\"/sessions/agenda?week=2033-W01\"", html, StringComparison.Ordinal);
        Assert.Contains("data-day=\"2032-12-27\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/sessions/agenda?week=2033-W53")).StatusCode);
    }

    private static async Task<Guid> BookAsync(HttpClient http, Guid client, DateTime local)
    {
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Auckland), TimeSpan.Zero);
        var body = SessionsApi.Body(client, start, hours: 1);
        body["allowOverlap"] = true;
        return (await SessionsApi.CreateAsync(http, body)).Session.Id;
    }
}
