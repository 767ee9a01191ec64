using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Tally.Tests.Web;
using Tally.Web.Features.Timelines;

namespace Tally.Tests.Timelines;

/// <summary>The timelines API: templates, applying one to a session, checking steps off, the "due this week" list.</summary>
public sealed class TimelineApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private const string Aurora = "/api/v1/studios/aurora-studio";

    /// <summary>
    /// A session of the studio (the n-th by id, so each test has its own) starting at <paramref name="start"/>, or unscheduled.
    /// An inquiry or booked one: the status machine (docs/workflow.md) lets those move to either.
    /// </summary>
    private async Task<Guid> SessionAsync(string slug, int n, DateTime? start)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        var id = await owner.QueryFirstAsync<Guid>(
            "SELECT x.id FROM sessions x JOIN studios s ON s.id = x.studio_id WHERE s.slug = @slug AND x.status IN ('inquiry', 'booked') ORDER BY x.id OFFSET @n LIMIT 1",
            new { slug, n });
        await owner.ExecuteAsync("""
            UPDATE sessions SET status = CASE WHEN @start::timestamptz IS NULL THEN 'inquiry' ELSE 'booked' END,
                   starts_at = @start, ends_at = @start + interval '2 hours', assigned_to = NULL WHERE id = @id
            """, new { id, start });
        await owner.ExecuteAsync("DELETE FROM session_timelines WHERE session_id = @id", new { id });
        return id;
    }

    private static object Template(string name, params (string Title, int Offset)[] steps) => new
    {
        sessionType = "wedding",
        name,
        description = "for tests",
        steps = steps.Select(s => new { title = s.Title, offsetDays = s.Offset }).ToArray(),
    };

    private async Task<TimelineTemplate> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync($"{Aurora}/timeline-templates", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TimelineTemplate>())!;
    }

    [Fact]
    public async Task Templates_CreateReadReplaceDelete_WithVersionCheck()
    {
        var client = await app.CreateSignedInClientAsync();
        var created = await CreateAsync(client, Template("Crud " + Guid.NewGuid().ToString("N")[..6], ("Gallery delivered", 21), ("Questionnaire sent", -30)));
        Assert.Equal(["Questionnaire sent", "Gallery delivered"], created.Steps.Select(s => s.Title));

        using var read = await client.GetAsync($"{Aurora}/timeline-templates/{created.Id}");
        var etag = read.Headers.ETag?.Tag;
        Assert.Equal($"\"{created.Version}\"", etag);
        var list = await WebAssert.OkJsonAsync<List<TimelineTemplate>>(await client.GetAsync($"{Aurora}/timeline-templates"));
        Assert.Contains(list, t => t.Id == created.Id);

        var replace = new HttpRequestMessage(HttpMethod.Put, $"{Aurora}/timeline-templates/{created.Id}") { Content = JsonContent.Create(Template(created.Name, ("Only step", 0))) };
        replace.Headers.TryAddWithoutValidation("If-Match", etag);
        var replaced = await WebAssert.OkJsonAsync<TimelineTemplate>(await client.SendAsync(replace));
        Assert.Equal("Only step", Assert.Single(replaced.Steps).Title);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"{Aurora}/timeline-templates/{created.Id}") { Content = JsonContent.Create(Template(created.Name, ("Lost update", 1))) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await WebAssert.ProblemAsync(await client.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Aurora}/timeline-templates/{created.Id}")).StatusCode);
        await WebAssert.ProblemAsync(await client.GetAsync($"{Aurora}/timeline-templates/{created.Id}"), HttpStatusCode.NotFound);
        await WebAssert.ProblemAsync(await client.DeleteAsync($"{Aurora}/timeline-templates/{created.Id}"), HttpStatusCode.NotFound);
        await WebAssert.ProblemAsync(await client.PutAsJsonAsync($"{Aurora}/timeline-templates/{created.Id}", Template("x", ("a", 1))), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"sessionType":"picnic","name":"A","steps":[{"title":"a","offsetDays":1}]}""", "sessionType")]
    [InlineData("""{"sessionType":"wedding","name":"  ","steps":[{"title":"a","offsetDays":1}]}""", "name")]
    [InlineData("""{"sessionType":"wedding","name":"A","steps":[]}""", "steps")]
    [InlineData("""{"sessionType":"wedding","name":"A","steps":[{"title":"a","offsetDays":999}]}""", "steps[0].offsetDays")]
    [InlineData("""{"sessionType":"wedding","name":"A","steps":[{"title":"","offsetDays":1}]}""", "steps[0].title")]
    [InlineData("""{"sessionType":"wedding","name":"A","steps":[{"title":"a\u0007b","offsetDays":1}]}""", "steps[0].title")]
    public async Task CreateTemplate_InvalidField_Is400NamingIt(string json, string field)
    {
        var client = await app.CreateSignedInClientAsync();
        var problem = await WebAssert.ProblemAsync(
            await client.PostAsync($"{Aurora}/timeline-templates", new StringContent(json, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task CreateTemplate_NameTakenForTheType_Is409()
    {
        var client = await app.CreateSignedInClientAsync();
        var name = "Twice " + Guid.NewGuid().ToString("N")[..6];
        await CreateAsync(client, Template(name, ("a", 1)));
        var problem = await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"{Aurora}/timeline-templates", Template(name, ("b", 2))), HttpStatusCode.Conflict);
        Assert.Contains(name, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_DueDatesAreTheSessionsLocalDatePlusOffsets_AcrossDaylightSaving()
    {
        var client = await app.CreateSignedInClientAsync();
        var template = await CreateAsync(client, Template("Dst " + Guid.NewGuid().ToString("N")[..6], ("Before", -30), ("Eve", -1), ("Day", 0), ("After", 21)));
        // 23:30 in Seattle on the day clocks went forward (PDT, UTC-7): already 9 March in UTC.
        var spring = await SessionAsync("aurora-studio", 0, new DateTime(2026, 3, 9, 6, 30, 0, DateTimeKind.Utc));
        // 23:30 in Seattle on the day clocks went back (PST, UTC-8): already 2 November in UTC.
        var autumn = await SessionAsync("aurora-studio", 1, new DateTime(2026, 11, 2, 7, 30, 0, DateTimeKind.Utc));

        var springLine = await WebAssert.OkJsonAsync<SessionTimeline>(await client.PostAsJsonAsync($"{Aurora}/sessions/{spring}/timeline", new { templateId = template.Id }));
        var autumnLine = await WebAssert.OkJsonAsync<SessionTimeline>(await client.PostAsJsonAsync($"{Aurora}/sessions/{autumn}/timeline", new { templateId = template.Id }));

        Assert.Equal(new DateOnly(2026, 3, 8), springLine.SessionDate);
        Assert.Equal([new DateOnly(2026, 2, 6), new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 29)], springLine.Steps.Select(s => s.DueDate!.Value));
        Assert.Equal([new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 22)], autumnLine.Steps.Select(s => s.DueDate!.Value));
    }

    [Fact]
    public async Task ApplyTwice_DoesNotDuplicate_AndKeepsWhatIsDone()
    {
        var client = await app.CreateSignedInClientAsync();
        var template = await CreateAsync(client, Template("Twice " + Guid.NewGuid().ToString("N")[..6], ("One", -10), ("Two", 0), ("Three", 10)));
        var session = await SessionAsync("aurora-studio", 2, DateTime.UtcNow.AddDays(30));

        var first = await WebAssert.OkJsonAsync<SessionTimeline>(await client.PostAsJsonAsync($"{Aurora}/sessions/{session}/timeline", new { templateId = template.Id }));
        var done = first.Steps.Single(s => s.Title == "One");
        await WebAssert.OkJsonAsync<SessionTimeline>(await client.PatchAsJsonAsync($"{Aurora}/sessions/{session}/timeline/{done.Id}", new { done = true }));
        var second = await WebAssert.OkJsonAsync<SessionTimeline>(await client.PostAsJsonAsync($"{Aurora}/sessions/{session}/timeline", new { templateId = template.Id }));

        Assert.Equal(3, first.Steps.Count);
        Assert.Equal(["One", "Two", "Three"], second.Steps.Select(s => s.Title));
        var kept = second.Steps.Single(s => s.Title == "One");
        Assert.Equal(done.Id, kept.Id);
        Assert.NotNull(kept.CompletedAt);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(3L, await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM session_timelines WHERE session_id = @session", new { session }));
    }

    [Fact]
    public async Task Apply_Problems_AreClear()
    {
        var client = await app.CreateSignedInClientAsync();
        var template = await CreateAsync(client, Template("Problems " + Guid.NewGuid().ToString("N")[..6], ("a", 1)));
        var unscheduled = await SessionAsync("aurora-studio", 3, null);
        var scheduled = await SessionAsync("aurora-studio", 4, DateTime.UtcNow.AddDays(5));

        var noDate = await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"{Aurora}/sessions/{unscheduled}/timeline", new { templateId = template.Id }), HttpStatusCode.Conflict);
        Assert.Contains("give the session a start", noDate.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var missing = await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"{Aurora}/sessions/{scheduled}/timeline", new { }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("templateId", out _));
        await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"{Aurora}/sessions/{scheduled}/timeline", new { templateId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"{Aurora}/sessions/{Guid.NewGuid()}/timeline", new { templateId = template.Id }), HttpStatusCode.NotFound);
        await WebAssert.ProblemAsync(await client.GetAsync($"{Aurora}/sessions/{Guid.NewGuid()}/timeline"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CheckOff_RecordsWhoAndWhen_AndUncheckClearsBoth()
    {
        var client = await app.CreateSignedInClientAsync();
        var template = await CreateAsync(client, Template("Check " + Guid.NewGuid().ToString("N")[..6], ("Call", -3)));
        var session = await SessionAsync("aurora-studio", 5, DateTime.UtcNow.AddDays(10));
        var line = await WebAssert.OkJsonAsync<SessionTimeline>(await client.PostAsJsonAsync($"{Aurora}/sessions/{session}/timeline", new { templateId = template.Id }));
        var step = Assert.Single(line.Steps);

        var done = await WebAssert.OkJsonAsync<SessionTimeline>(await client.PatchAsJsonAsync($"{Aurora}/sessions/{session}/timeline/{step.Id}", new { done = true }));
        var undone = await WebAssert.OkJsonAsync<SessionTimeline>(await client.PatchAsJsonAsync($"{Aurora}/sessions/{session}/timeline/{step.Id}", new { done = false }));

        await using var owner = await app.Database.OpenOwnerAsync();
        var ownerName = await owner.ExecuteScalarAsync<string>("SELECT full_name FROM admin_users WHERE email = @e", new { e = TestSignIn.AuroraOwner });
        Assert.Equal(ownerName, Assert.Single(done.Steps).CompletedBy);
        Assert.InRange(Assert.Single(done.Steps).CompletedAt!.Value, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
        Assert.Null(Assert.Single(undone.Steps).CompletedAt);
        Assert.Null(Assert.Single(undone.Steps).CompletedBy);
        var problem = await WebAssert.ProblemAsync(await client.PatchAsJsonAsync($"{Aurora}/sessions/{session}/timeline/{step.Id}", new { }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("done", out _));
        await WebAssert.ProblemAsync(await client.PatchAsJsonAsync($"{Aurora}/sessions/{session}/timeline/{Guid.NewGuid()}", new { done = true }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Overdue_IsFlaggedOnTheTimeline_TheDueListAndThePage()
    {
        var client = await app.CreateSignedInClientAsync();
        var template = await CreateAsync(client, Template("Overdue " + Guid.NewGuid().ToString("N")[..6], ("Late task", -5), ("Soon task", 13), ("Far task", 60)));
        var session = await SessionAsync("aurora-studio", 6, DateTime.UtcNow.AddDays(-10));
        await WebAssert.OkJsonAsync<SessionTimeline>(await client.PostAsJsonAsync($"{Aurora}/sessions/{session}/timeline", new { templateId = template.Id }));

        var line = await WebAssert.OkJsonAsync<SessionTimeline>(await client.GetAsync($"{Aurora}/sessions/{session}/timeline"));
        var due = await WebAssert.OkJsonAsync<DueList>(await client.GetAsync($"{Aurora}/timelines/due"));
        var page = await client.GetStringAsync($"/sessions/{session}/timeline");
        var duePage = await client.GetStringAsync("/timelines/due");

        Assert.True(line.Steps.Single(s => s.Title == "Late task").Overdue);
        Assert.False(line.Steps.Single(s => s.Title == "Soon task").Overdue);
        Assert.Contains(due.Steps, s => s.SessionId == session && s.Title == "Late task" && s.Overdue);
        Assert.Contains(due.Steps, s => s.SessionId == session && s.Title == "Soon task" && !s.Overdue);
        Assert.DoesNotContain(due.Steps, s => s.SessionId == session && s.Title == "Far task");
        var late = line.Steps.Single(s => s.Title == "Late task").Id;
        Assert.Matches($"<tr class=\"overdue\" data-step-id=\"{late}\">[\\s\\S]*?Overdue", page);
        Assert.Contains($"/sessions/{session}/timeline", duePage, StringComparison.Ordinal);
        Assert.Contains("Overdue", duePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherStudiosRecords_Are404_AndNothingLeaks()
    {
        var aurora = await app.CreateSignedInClientAsync();
        var north = await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner);
        var template = await CreateAsync(aurora, Template("Secret " + Guid.NewGuid().ToString("N")[..6], ("Hidden step", 1)));
        var session = await SessionAsync("aurora-studio", 7, DateTime.UtcNow.AddDays(3));
        var line = await WebAssert.OkJsonAsync<SessionTimeline>(await aurora.PostAsJsonAsync($"{Aurora}/sessions/{session}/timeline", new { templateId = template.Id }));
        const string North = "/api/v1/studios/north-light";

        var answers = new List<HttpResponseMessage>
        {
            await north.GetAsync($"{North}/timeline-templates/{template.Id}"),
            await north.PutAsJsonAsync($"{North}/timeline-templates/{template.Id}", Template("Mine now", ("x", 1))),
            await north.DeleteAsync($"{North}/timeline-templates/{template.Id}"),
            await north.GetAsync($"{North}/sessions/{session}/timeline"),
            await north.PostAsJsonAsync($"{North}/sessions/{session}/timeline", new { templateId = template.Id }),
            await north.PatchAsJsonAsync($"{North}/sessions/{session}/timeline/{line.Steps[0].Id}", new { done = true }),
            await north.GetAsync($"{Aurora}/timeline-templates"),
            await north.GetAsync($"{Aurora}/timelines/due"),
            await north.GetAsync($"{Aurora}/sessions/{session}/timeline"),
        };
        foreach (var answer in answers)
        {
            var body = await WebAssert.ProblemAsync(answer, HttpStatusCode.NotFound);
            Assert.DoesNotContain("Hidden step", body.ToString(), StringComparison.Ordinal);
        }
        var northDue = await WebAssert.OkJsonAsync<DueList>(await north.GetAsync($"{North}/timelines/due"));
        Assert.DoesNotContain(northDue.Steps, s => s.SessionId == session);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"/sessions/{session}/timeline")).StatusCode);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Null(await owner.ExecuteScalarAsync<DateTime?>("SELECT completed_at FROM session_timelines WHERE id = @id", new { id = line.Steps[0].Id }));
    }

    [Fact]
    public async Task Staff_CannotWriteTemplates_NorCheckOffASessionNotAssignedToThem()
    {
        var owner = await app.CreateSignedInClientAsync();
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        var template = await CreateAsync(owner, Template("Staff " + Guid.NewGuid().ToString("N")[..6], ("Prep", -1)));
        var session = await SessionAsync("aurora-studio", 8, DateTime.UtcNow.AddDays(3));
        var line = await WebAssert.OkJsonAsync<SessionTimeline>(await owner.PostAsJsonAsync($"{Aurora}/sessions/{session}/timeline", new { templateId = template.Id }));

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"{Aurora}/timeline-templates", Template("Nope", ("a", 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"{Aurora}/sessions/{session}/timeline", new { templateId = template.Id })).StatusCode);
        await WebAssert.ProblemAsync(await staff.PatchAsJsonAsync($"{Aurora}/sessions/{session}/timeline/{line.Steps[0].Id}", new { done = true }), HttpStatusCode.Forbidden);
        // Staff read the studio's calendar, timelines included.
        var seen = await WebAssert.OkJsonAsync<SessionTimeline>(await staff.GetAsync($"{Aurora}/sessions/{session}/timeline"));
        Assert.Null(Assert.Single(seen.Steps).CompletedAt);
    }
}
