using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Tally.Tests.Clients;
using Tally.Tests.Sessions;
using Tally.Tests.Web;
using Tally.Web.Features.Sessions;
using Tally.Web.Features.Workflow;

namespace Tally.Tests.Workflow;

/// <summary>
/// The session status machine through the app: POST …/sessions/{id}/status, GET …/transitions, the
/// update and cancel endpoints, the edit form and the session page; and the History section of the
/// session and client pages.
/// </summary>
public sealed partial class SessionWorkflowApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private const string Base = SessionsApi.Base;

    private async Task<(string Status, long Transitions)> StateAsync(Guid id)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return await owner.QuerySingleAsync<(string, long)>(
            "SELECT status, (SELECT count(*) FROM workflow_transitions WHERE entity_type = 'session' AND entity_id = @id) FROM sessions WHERE id = @id",
            new { id });
    }

    [Fact]
    public async Task AllowedMove_IsRecordedOnce_WithWhoAndReason()
    {
        var http = await app.CreateSignedInClientAsync();
        var (_, session, _) = await SessionsApi.BookedAsync(http);

        var moved = await WebAssert.OkJsonAsync<SessionStage>(
            await http.PostAsJsonAsync($"{Base}/{session.Id}/status", new { status = "completed", reason = "shot on the day" }));
        var transitions = await WebAssert.OkJsonAsync<List<StageTransition>>(await http.GetAsync($"{Base}/{session.Id}/transitions"));

        Assert.Equal("completed", moved.Status);
        Assert.Equal(["delivered"], moved.NextStatuses);
        var t = Assert.Single(transitions);
        Assert.Equal(("booked", "completed", TestSignIn.AuroraOwner, "shot on the day", false), (t.FromStage, t.ToStage, t.TransitionedBy, t.Reason, t.Automated));
    }

    [Theory]
    [InlineData("delivered")]
    [InlineData("booked")]
    public async Task ForbiddenOrSameStatus_Is409_AndChangesNothing(string status)
    {
        var http = await app.CreateSignedInClientAsync();
        var (_, session, _) = await SessionsApi.BookedAsync(http);

        var problem = await WebAssert.ProblemAsync(await http.PostAsJsonAsync($"{Base}/{session.Id}/status", new { status }), HttpStatusCode.Conflict);

        Assert.Contains(status == "booked" ? "already booked" : "cannot move from booked to delivered", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("booked", 0L), await StateAsync(session.Id));
    }

    [Fact]
    public async Task UnknownStatus_LongReason_AndAnUnscheduledBooking_Are422()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        var (inquiry, _) = await SessionsApi.CreateAsync(http, new Dictionary<string, object?> { ["clientId"] = client.Id, ["sessionType"] = "portrait" });

        await WebAssert.ProblemAsync(await http.PostAsJsonAsync($"{Base}/{inquiry.Id}/status", new { status = "done" }), HttpStatusCode.UnprocessableEntity);
        await WebAssert.ProblemAsync(await http.PostAsJsonAsync($"{Base}/{inquiry.Id}/status", new { status = "cancelled", reason = new string('x', 501) }), HttpStatusCode.UnprocessableEntity);
        var unscheduled = await WebAssert.ProblemAsync(await http.PostAsJsonAsync($"{Base}/{inquiry.Id}/status", new { status = "booked" }), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("needs a start and an end", unscheduled.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("inquiry", 0L), await StateAsync(inquiry.Id));
    }

    [Fact]
    public async Task AnotherStudiosSession_Is404_AndUntouched()
    {
        var http = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var foreign = await owner.QueryFirstAsync<Guid>(
            "SELECT x.id FROM sessions x JOIN studios s ON s.id = x.studio_id WHERE s.slug = 'north-light' AND x.status = 'inquiry' ORDER BY x.id LIMIT 1");

        await WebAssert.ProblemAsync(await http.PostAsJsonAsync($"{Base}/{foreign}/status", new { status = "cancelled" }), HttpStatusCode.NotFound);
        await WebAssert.ProblemAsync(await http.GetAsync($"{Base}/{foreign}/transitions"), HttpStatusCode.NotFound);
        await WebAssert.ProblemAsync(await http.PostAsJsonAsync($"/api/v1/studios/north-light/sessions/{foreign}/status", new { status = "cancelled" }), HttpStatusCode.NotFound);

        Assert.Equal(("inquiry", 0L), await StateAsync(foreign));
    }

    [Fact]
    public async Task Staff_CannotChangeAStatus()
    {
        var (_, session, _) = await SessionsApi.BookedAsync(await app.CreateSignedInClientAsync());
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"{Base}/{session.Id}/status", new { status = "completed" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"{Base}/{session.Id}/transitions")).StatusCode);
        Assert.Equal(("booked", 0L), await StateAsync(session.Id));
    }

    [Fact]
    public async Task Update_ToAForbiddenStatus_Is409_AndAnAllowedOneIsRecorded()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, session, etag) = await SessionsApi.BookedAsync(http);
        var body = SessionsApi.Body(client, new DateTimeOffset(session.StartsAt!.Value, TimeSpan.Zero));
        body["status"] = "delivered";
        body["notes"] = "not saved";

        var refused = await WebAssert.ProblemAsync(await http.SendAsync(ClientsApi.Put($"{Base}/{session.Id}", body, etag)), HttpStatusCode.Conflict);
        Assert.Contains("cannot move from booked to delivered", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("booked", 0L), await StateAsync(session.Id));
        await using (var owner = await app.Database.OpenOwnerAsync())
        {
            Assert.Null(await owner.ExecuteScalarAsync<string?>("SELECT notes FROM sessions WHERE id = @id", new { id = session.Id }));
        }

        body["status"] = "completed";
        using var ok = await http.SendAsync(ClientsApi.Put($"{Base}/{session.Id}", body, etag));
        Assert.Equal("completed", (await WebAssert.OkJsonAsync<Session>(ok)).Status);
        Assert.Equal(("completed", 1L), await StateAsync(session.Id));
    }

    [Fact]
    public async Task Cancel_OfACompletedSession_Is409()
    {
        var http = await app.CreateSignedInClientAsync();
        var (_, session, _) = await SessionsApi.BookedAsync(http);
        (await http.PostAsJsonAsync($"{Base}/{session.Id}/status", new { status = "completed" })).EnsureSuccessStatusCode();

        var problem = await WebAssert.ProblemAsync(await http.PostAsync($"{Base}/{session.Id}/cancel", null), HttpStatusCode.Conflict);

        Assert.Contains("cannot move from completed to cancelled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("completed", 1L), await StateAsync(session.Id));
    }

    [Fact]
    public async Task Cancel_ThenReopen_AreTwoTransitions()
    {
        var http = await app.CreateSignedInClientAsync();
        var (_, session, _) = await SessionsApi.BookedAsync(http);

        (await http.PostAsync($"{Base}/{session.Id}/cancel", null)).EnsureSuccessStatusCode();
        var reopened = await WebAssert.OkJsonAsync<SessionStage>(await http.PostAsJsonAsync($"{Base}/{session.Id}/status", new { status = "inquiry", reason = "they called back" }));
        var transitions = await WebAssert.OkJsonAsync<List<StageTransition>>(await http.GetAsync($"{Base}/{session.Id}/transitions"));

        Assert.Equal("inquiry", reopened.Status);
        Assert.Equal([("booked", "cancelled", (string?)null), ("cancelled", "inquiry", "they called back")], transitions.Select(t => (t.FromStage!, t.ToStage, t.Reason)));
    }

    [Fact]
    public async Task EditForm_OffersOnlyTheAllowedStatuses_AndRefusesAnotherWith409()
    {
        var http = await app.CreateSignedInClientAsync();
        var (_, session, _) = await SessionsApi.BookedAsync(http);

        var form = await http.GetStringAsync($"/sessions/{session.Id}/edit");
        var select = form[form.IndexOf("id=\"status\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        Assert.Equal(["inquiry", "booked", "completed", "cancelled"], OptionValue().Matches(select).Select(m => m.Groups[1].Value));

        var starts = InputValue(form, "startsAt");
        var ends = InputValue(form, "endsAt");
        using var refused = await HtmlForms.PostAsync(http, form, $"/sessions/{session.Id}/edit", "session",
            ("Input.SessionType", "engagement"), ("Input.Status", "delivered"), ("Input.StartsAt", starts), ("Input.EndsAt", ends));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("cannot move from booked to delivered", HtmlForms.Alert(html), StringComparison.Ordinal);
        Assert.Equal(("booked", 0L), await StateAsync(session.Id));
    }

    [Fact]
    public async Task SessionPage_ChangesTheStatus_AndShowsTheTransitionAndTheHistory()
    {
        var http = await app.CreateSignedInClientAsync();
        var (_, session, _) = await SessionsApi.BookedAsync(http);
        var page = await http.GetStringAsync($"/sessions/{session.Id}");
        var select = page[page.IndexOf("id=\"status-next\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        Assert.Equal(["inquiry", "completed", "cancelled"], OptionValue().Matches(select).Select(m => m.Groups[1].Value));

        using var moved = await HtmlForms.PostAsync(http, page, $"/sessions/{session.Id}/status", $"/sessions/{session.Id}/status",
            ("status", "completed"), ("reason", "all shot"));
        var html = await moved.Content.ReadAsStringAsync();

        Assert.Equal($"/sessions/{session.Id}", moved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("data-status=\"completed\"", html, StringComparison.Ordinal);
        Assert.Contains("status was changed.", html, StringComparison.Ordinal);
        var transitions = html[html.IndexOf("data-testid=\"transitions\"", StringComparison.Ordinal)..];
        Assert.Contains("all shot", transitions, StringComparison.Ordinal);
        Assert.Matches(StatusChange(), html);
        Assert.Equal(("completed", 1L), await StateAsync(session.Id));

        using var refused = await HtmlForms.PostAsync(http, html, $"/sessions/{session.Id}/status", $"/sessions/{session.Id}/status", ("status", "cancelled"));
        Assert.Contains("cannot move to that status", HtmlForms.Alert(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(("completed", 1L), await StateAsync(session.Id));
    }

    [Fact]
    public async Task ClientPage_ShowsItsHistory_WithTheChangedField()
    {
        var http = await app.CreateSignedInClientAsync();
        var body = ClientsApi.Body();
        body["phone"] = "06 12 34 56 78";
        var (client, etag) = await ClientsApi.CreateAsync(http, body);
        body["phone"] = "06 99 88 77 66";
        (await http.SendAsync(ClientsApi.Put($"{ClientsApi.Base}/{client.Id}", body, etag))).EnsureSuccessStatusCode();

        var html = await http.GetStringAsync($"/clients/{client.Id}");

        Assert.Contains("id=\"history-heading\"", html, StringComparison.Ordinal);
        var history = html[html.IndexOf("data-testid=\"history\"", StringComparison.Ordinal)..];
        Assert.Matches("""data-field="phone">[^<]*<span class="change"><span class="from">06 12 34 56 78</span> → <span class="to">06 99 88 77 66</span>""", history);
    }

    [Fact]
    public async Task Staff_SeeTheSessionPage_WithoutTheStatusFormOrTheTrail()
    {
        var (_, session, _) = await SessionsApi.BookedAsync(await app.CreateSignedInClientAsync());
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);

        var html = await staff.GetStringAsync($"/sessions/{session.Id}");

        Assert.DoesNotContain("id=\"status-next\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"history-not-allowed\"", html, StringComparison.Ordinal);
    }

    private static string InputValue(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"id=\"{id}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex OptionValue();

    [GeneratedRegex("""data-field="status">[^<]*<span class="change"><span class="from">booked</span> → <span class="to">completed</span>""")]
    private static partial Regex StatusChange();
}
