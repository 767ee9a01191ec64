using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Tally.Tests.Clients;
using Tally.Tests.Web;

namespace Tally.Tests.Sessions;

/// <summary>The sessions pages: book from a client, detail, edit, list.</summary>
public sealed partial class SessionsPageTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task Book_FromTheClient_StoresTheStudioWallClockAndShowsTheSession()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        var page = $"/sessions/new?client={client.Id}";

        using var response = await HtmlForms.SubmitAsync(http, page, "session",
            ("Input.SessionType", "portrait"), ("Input.Status", "booked"), ("Input.StartsAt", "2035-07-14T16:00"), ("Input.EndsAt", "2035-07-14T17:30"),
            ("Input.LocationName", "Jardin"), ("Input.Latitude", "45.7640"), ("Input.Longitude", "4.8357"), ("Input.PackagePrice", "480.00"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = Guid.Parse(SessionPath().Match(response.RequestMessage!.RequestUri!.AbsolutePath).Groups["id"].Value);
        Assert.Contains($"href=\"/sessions/{id}/timeline\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/sessions/{id}/documents\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/clients/{client.Id}\"", html, StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await owner.QuerySingleAsync<string>("SELECT timezone FROM studios WHERE slug = 'aurora-studio'"));
        var stored = await owner.QuerySingleAsync<DateTime>("SELECT starts_at FROM sessions WHERE id = @id", new { id });
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2035, 7, 14, 16, 0, 0), zone), stored);
        Assert.Contains($"href=\"/sessions/{id}\"", await http.GetStringAsync($"/clients/{client.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Book_InvalidForm_Is400WithFieldErrors()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);

        using var response = await HtmlForms.SubmitAsync(http, $"/sessions/new?client={client.Id}", "session",
            ("Input.SessionType", "party"), ("Input.Status", "booked"), ("Input.StartsAt", "2035-07-14T16:00"), ("Input.EndsAt", "2035-07-14T15:00"),
            ("Input.Latitude", "north"), ("Input.PackagePrice", "12,50"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var field in new[] { "sessionType", "endsAt", "latitude", "packagePrice" })
        {
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Book_Overlapping_WarnsThenBooksWhenConfirmed()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        var page = $"/sessions/new?client={client.Id}";
        (string, string)[] fields = [("Input.SessionType", "family"), ("Input.Status", "booked"), ("Input.StartsAt", "2035-09-01T10:00"), ("Input.EndsAt", "2035-09-01T12:00")];
        using var first = await HtmlForms.SubmitAsync(http, page, "session", fields);

        using var warned = await HtmlForms.SubmitAsync(http, page, "session", fields);
        var warning = await warned.Content.ReadAsStringAsync();
        using var confirmed = await HtmlForms.PostAsync(http, warning, page, "session", [.. fields, ("Input.AllowOverlap", "true")]);

        Assert.Equal(HttpStatusCode.Conflict, warned.StatusCode);
        Assert.Contains("overlapping time", warning, StringComparison.Ordinal);
        Assert.Contains("id=\"allowOverlap\"", warning, StringComparison.Ordinal);
        Assert.Matches(SessionPath(), confirmed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotEqual(first.RequestMessage!.RequestUri, confirmed.RequestMessage.RequestUri);
    }

    [Fact]
    public async Task New_ForAnotherStudiosClient_Is404()
    {
        var http = await app.CreateSignedInClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/sessions/new?client={await ClientsApi.OtherStudioClientAsync(app)}")).StatusCode);
    }

    [Fact]
    public async Task Edit_ChangesStatus_AndDetailShowsIt()
    {
        var http = await app.CreateSignedInClientAsync();
        var (_, session, _) = await SessionsApi.BookedAsync(http);
        var form = await http.GetStringAsync($"/sessions/{session.Id}/edit");
        var starts = InputValue(form, "startsAt");
        var ends = InputValue(form, "endsAt");

        using var saved = await HtmlForms.PostAsync(http, form, $"/sessions/{session.Id}/edit", "session",
            ("Input.SessionType", "engagement"), ("Input.Status", "completed"), ("Input.StartsAt", starts), ("Input.EndsAt", ends));
        var html = await saved.Content.ReadAsStringAsync();

        Assert.Equal($"/sessions/{session.Id}", saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("data-status=\"completed\"", html, StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(session.StartsAt, await owner.QuerySingleAsync<DateTime>("SELECT starts_at FROM sessions WHERE id = @id", new { id = session.Id }));
    }

    [Fact]
    public async Task Detail_OfAnotherStudiosSession_Is404()
    {
        var http = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var foreign = await owner.QueryFirstAsync<Guid>("SELECT s.id FROM sessions s JOIN studios st ON st.id = s.studio_id WHERE st.slug = 'north-light' LIMIT 1");

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/sessions/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/sessions/{foreign}/edit")).StatusCode);
    }

    [Fact]
    public async Task List_FiltersByStatus_AndPagesByCursor()
    {
        var http = await app.CreateSignedInClientAsync();

        var html = await http.GetStringAsync("/sessions?status=delivered&from=&to=");
        var next = NextLink().Match(html);
        var second = await http.GetStringAsync(WebUtility.HtmlDecode(next.Groups["href"].Value));

        Assert.True(next.Success, "no Next link");
        Assert.DoesNotMatch("data-status=\"(inquiry|booked|completed|cancelled)\"", html + second);
        Assert.Contains("data-status=\"delivered\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BadFilter_Is400()
    {
        var http = await app.CreateSignedInClientAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/sessions?from=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/sessions/agenda?week=2026-W60")).StatusCode);
    }

    private static string InputValue(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"id=\"{id}\"[^>]*value=\"(?<v>[^\"]*)\"").Groups["v"].Value);

    [GeneratedRegex("^/sessions/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex SessionPath();

    [GeneratedRegex("<a rel=\"next\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex NextLink();
}
