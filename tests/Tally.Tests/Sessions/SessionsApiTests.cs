using System.Net;
using System.Net.Http.Json;
using Dapper;
using Tally.Tests.Clients;
using Tally.Tests.Web;
using Tally.Web.Features.Sessions;

namespace Tally.Tests.Sessions;

/// <summary>/api/v1/studios/{slug}/sessions and /clients/{id}/sessions.</summary>
public sealed class SessionsApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private const string Base = SessionsApi.Base;

    [Fact]
    public async Task Create_Valid_Is201WithEveryFieldAndStudioCurrency()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        var start = SessionsApi.FreeSlot();

        using var response = await http.PostAsJsonAsync(Base, SessionsApi.Body(client.Id, start));
        var session = (await response.Content.ReadFromJsonAsync<Session>())!;

        await using var owner = await app.Database.OpenOwnerAsync();
        var currency = await owner.QuerySingleAsync<string>("SELECT default_currency::text FROM studios WHERE slug = 'aurora-studio'");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"\"{session.Version}\"", response.Headers.ETag?.ToString());
        Assert.Equal(("engagement", "booked", client.Id, "Amélie Laurent"), (session.SessionType, session.Status, session.ClientId, session.ClientName));
        Assert.Equal(start.UtcDateTime, session.StartsAt);
        Assert.Equal(start.UtcDateTime.AddHours(2), session.EndsAt);
        Assert.Equal((45.777m, 4.855m, 650.00m, currency), (session.Latitude, session.Longitude, session.PackagePrice, session.Currency));
        Assert.Equal("Amélie Laurent Engagement", session.Title);
        Assert.Equal(session, await WebAssert.OkJsonAsync<Session>(await http.GetAsync($"{Base}/{session.Id}")));
    }

    [Fact]
    public async Task Create_InquiryWithoutDate_Is201()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);

        var (session, _) = await SessionsApi.CreateAsync(http, new() { ["clientId"] = client.Id, ["sessionType"] = "wedding", ["title"] = "Summer wedding, date to settle" });

        Assert.Equal(("inquiry", (DateTime?)null), (session.Status, session.StartsAt));
    }

    [Theory]
    [InlineData("sessionType", "party")]
    [InlineData("sessionType", null)]
    [InlineData("status", "done")]
    [InlineData("title", "201")]
    [InlineData("endsAt", "before")]
    [InlineData("endsAt", null)]
    [InlineData("startsAt", "booked-without")]
    [InlineData("latitude", "91")]
    [InlineData("longitude", "-181")]
    [InlineData("longitude", null)]
    [InlineData("packagePrice", "-1")]
    [InlineData("packagePrice", "1.234")]
    [InlineData("currency", "EURO")]
    [InlineData("currency", "E1R")]
    [InlineData("locationName", "201")]
    [InlineData("address", "501")]
    [InlineData("notes", "10001")]
    [InlineData("clientId", null)]
    [InlineData("clientId", "other-studio")]
    [InlineData("assignedTo", "unknown")]
    public async Task Create_InvalidField_Is400NamingItAndBooksNothing(string field, string? value)
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        var body = SessionsApi.Body(client.Id);
        body[field] = value switch
        {
            null => null,
            "before" => ((DateTimeOffset)body["startsAt"]!).AddHours(-1),
            "booked-without" => null,
            "other-studio" => await ClientsApi.OtherStudioClientAsync(app),
            "unknown" => Guid.CreateVersion7(),
            "91" or "-181" or "-1" or "1.234" => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            _ when int.TryParse(value, out var length) => new string('x', length),
            _ => value,
        };
        if (value == "booked-without")
        {
            body["endsAt"] = null;
            body["status"] = "booked";
        }
        var before = await ClientsApi.CountAsync(app, "sessions");

        var problem = await WebAssert.ProblemAsync(await http.PostAsJsonAsync(Base, body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await ClientsApi.CountAsync(app, "sessions"));
    }

    [Fact]
    public async Task Create_OverlappingTheSamePhotographer_Is409ListingIt_UnlessAllowed()
    {
        var http = await app.CreateSignedInClientAsync();
        var (_, first, _) = await SessionsApi.BookedAsync(http);
        var (other, _) = await ClientsApi.CreateAsync(http);
        var overlapping = SessionsApi.Body(other.Id, new DateTimeOffset(first.StartsAt!.Value.AddHours(1), TimeSpan.Zero));

        var problem = await WebAssert.ProblemAsync(await http.PostAsJsonAsync(Base, overlapping), HttpStatusCode.Conflict);
        Assert.Equal(first.Id, problem.GetProperty("conflicts")[0].GetProperty("id").GetGuid());

        // Back to back is no overlap: the ranges are half-open.
        await SessionsApi.CreateAsync(http, SessionsApi.Body(other.Id, new DateTimeOffset(first.EndsAt!.Value, TimeSpan.Zero)));
        overlapping["allowOverlap"] = true;
        var (allowed, _) = await SessionsApi.CreateAsync(http, overlapping);
        Assert.Equal("booked", allowed.Status);
    }

    [Fact]
    public async Task Create_OverlapWithAnotherPhotographer_IsNoConflict()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, first, _) = await SessionsApi.BookedAsync(http);
        await using var owner = await app.Database.OpenOwnerAsync();
        var staff = await owner.QuerySingleAsync<Guid>("SELECT id FROM admin_users WHERE email = 'staff@aurora-studio.test'");
        var body = SessionsApi.Body(client, new DateTimeOffset(first.StartsAt!.Value, TimeSpan.Zero));
        body["assignedTo"] = staff;

        var (second, _) = await SessionsApi.CreateAsync(http, body);

        Assert.Equal(staff, second.AssignedTo);
    }

    [Fact]
    public async Task Create_ConcurrentBookingsOfOneSlot_ExactlyOneWins()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        var slot = SessionsApi.FreeSlot();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => http.PostAsJsonAsync(Base, SessionsApi.Body(client.Id, slot))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
    }

    [Fact]
    public async Task Update_IfMatchMissingStaleAndCurrent_Are428_412_200()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, session, etag) = await SessionsApi.BookedAsync(http);
        var body = SessionsApi.Body(client, new DateTimeOffset(session.StartsAt!.Value, TimeSpan.Zero));
        body["status"] = "completed";
        body["packagePrice"] = 900m;
        body["currency"] = "eur";

        await WebAssert.ProblemAsync(await http.SendAsync(ClientsApi.Put($"{Base}/{session.Id}", body, null)), (HttpStatusCode)428);
        using var ok = await http.SendAsync(ClientsApi.Put($"{Base}/{session.Id}", body, etag));
        var updated = await WebAssert.OkJsonAsync<Session>(ok);
        await WebAssert.ProblemAsync(await http.SendAsync(ClientsApi.Put($"{Base}/{session.Id}", body, etag)), HttpStatusCode.PreconditionFailed);

        Assert.Equal(("completed", 900m, "EUR"), (updated.Status, updated.PackagePrice, updated.Currency));
        Assert.NotEqual(etag, ok.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Update_MovedOntoAnotherSession_Is409_ButItsOwnTimeIsNoConflict()
    {
        var http = await app.CreateSignedInClientAsync();
        var (_, first, _) = await SessionsApi.BookedAsync(http);
        var (client, second, etag) = await SessionsApi.BookedAsync(http);

        var same = SessionsApi.Body(client, new DateTimeOffset(second.StartsAt!.Value, TimeSpan.Zero));
        same["notes"] = "moved nowhere";
        using var ok = await http.SendAsync(ClientsApi.Put($"{Base}/{second.Id}", same, etag));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var onto = SessionsApi.Body(client, new DateTimeOffset(first.StartsAt!.Value, TimeSpan.Zero));
        await WebAssert.ProblemAsync(await http.SendAsync(ClientsApi.Put($"{Base}/{second.Id}", onto, ok.Headers.ETag!.ToString())), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cancel_FreesTheSlot()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, session, _) = await SessionsApi.BookedAsync(http);
        var again = SessionsApi.Body(client, new DateTimeOffset(session.StartsAt!.Value, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsJsonAsync(Base, again)).StatusCode);

        var cancelled = await WebAssert.OkJsonAsync<Session>(await http.PostAsync($"{Base}/{session.Id}/cancel", null));
        await SessionsApi.CreateAsync(http, again);

        Assert.Equal("cancelled", cancelled.Status);
    }

    [Fact]
    public async Task EveryOperation_OnAnotherStudiosSession_Is404()
    {
        var http = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var foreign = await owner.QueryFirstAsync<(Guid Id, Guid Client, string Title)>(
            "SELECT s.id, s.client_id, s.title FROM sessions s JOIN studios st ON st.id = s.studio_id WHERE st.slug = 'north-light' ORDER BY s.id LIMIT 1");
        var (client, _) = await ClientsApi.CreateAsync(http);

        var answers = new[]
        {
            await http.GetAsync($"{Base}/{foreign.Id}"),
            await http.SendAsync(ClientsApi.Put($"{Base}/{foreign.Id}", SessionsApi.Body(client.Id), "*")),
            await http.PostAsync($"{Base}/{foreign.Id}/cancel", null),
            await http.GetAsync($"/api/v1/studios/north-light/sessions/{foreign.Id}"),
            await http.GetAsync($"/api/v1/studios/aurora-studio/clients/{foreign.Client}/sessions"),
            await http.GetAsync($"{Base}/{Guid.CreateVersion7()}"),
        };

        foreach (var answer in answers)
        {
            var problem = await WebAssert.ProblemAsync(answer, HttpStatusCode.NotFound);
            Assert.DoesNotContain(foreign.Title, problem.ToString(), StringComparison.Ordinal);
        }
        Assert.NotEqual("cancelled", await owner.QuerySingleAsync<string>("SELECT status FROM sessions WHERE id = @id", new { id = foreign.Id }));
    }

    [Fact]
    public async Task Writes_AsStaff_Are403()
    {
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        await using var owner = await app.Database.OpenOwnerAsync();
        var client = await owner.QueryFirstAsync<Guid>("SELECT c.id FROM clients c JOIN studios s ON s.id = c.studio_id WHERE s.slug = 'aurora-studio' LIMIT 1");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync(Base, SessionsApi.Body(client))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(Base)).StatusCode);
    }

    [Fact]
    public async Task List_AllPagesByCursor_CoverEverySessionOnce_ScheduledByStartThenUnscheduled()
    {
        var http = await app.CreateSignedInClientAsync();
        var seen = new List<SessionSummary>();
        string? after = null;
        do
        {
            var page = await WebAssert.OkJsonAsync<SessionPage>(await http.GetAsync($"{Base}?limit=13" + (after is null ? "" : "&after=" + after)));
            Assert.True(page.Next is null || page.Items.Count == 13);
            seen.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(await ClientsApi.CountAsync(app, "sessions"), seen.Count);
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        var scheduled = seen.TakeWhile(s => s.StartsAt is not null).ToList();
        Assert.All(seen.Skip(scheduled.Count), s => Assert.Null(s.StartsAt));
        Assert.Equal(scheduled.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Select(s => s.Id), scheduled.Select(s => s.Id));
    }

    [Fact]
    public async Task List_StatusAndDays_FilterInTheStudiosTimeZone()
    {
        var http = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await owner.QuerySingleAsync<string>("SELECT timezone FROM studios WHERE slug = 'aurora-studio'"));
        var (client, _) = await ClientsApi.CreateAsync(http);
        // 23:30 on the studio's wall clock on 2033-03-10: the day is the 10th there, whatever UTC says.
        var local = new DateTime(2033, 3, 10, 23, 30, 0);
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        var (session, _) = await SessionsApi.CreateAsync(http, SessionsApi.Body(client.Id, start, hours: 0.5));

        var onTheDay = await WebAssert.OkJsonAsync<SessionPage>(await http.GetAsync($"{Base}?from=2033-03-10&to=2033-03-10&status=booked"));
        var dayAfter = await WebAssert.OkJsonAsync<SessionPage>(await http.GetAsync($"{Base}?from=2033-03-11&to=2033-03-11"));
        var otherStatus = await WebAssert.OkJsonAsync<SessionPage>(await http.GetAsync($"{Base}?from=2033-03-10&to=2033-03-10&status=inquiry"));

        Assert.Equal([session.Id], onTheDay.Items.Select(s => s.Id));
        Assert.DoesNotContain(dayAfter.Items, s => s.Id == session.Id);
        Assert.Empty(otherStatus.Items);
    }

    [Fact]
    public async Task ClientSessions_ListsOnlyThatClients()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, session, _) = await SessionsApi.BookedAsync(http);
        await SessionsApi.BookedAsync(http);

        var page = await WebAssert.OkJsonAsync<SessionPage>(await http.GetAsync($"{ClientsApi.Base}/{client}/sessions"));

        Assert.Equal([session.Id], page.Items.Select(s => s.Id));
    }

    [Theory]
    [InlineData("status=done")]
    [InlineData("from=2026-13-01")]
    [InlineData("from=2026-02-01&to=2026-01-01")]
    [InlineData("client=nope")]
    [InlineData("after=bm90LWEtY3Vyc29y")]
    [InlineData("limit=500")]
    public async Task List_BadParameter_Is400(string query)
    {
        await WebAssert.ProblemAsync(await (await app.CreateSignedInClientAsync()).GetAsync($"{Base}?{query}"), HttpStatusCode.BadRequest);
    }
}
