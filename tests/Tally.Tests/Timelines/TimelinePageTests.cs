using System.Net;
using Dapper;
using Tally.Tests.Web;

namespace Tally.Tests.Timelines;

/// <summary>The pages /timeline-templates and /sessions/{id}/timeline, through their forms.</summary>
public sealed class TimelinePageTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task TemplatesPage_CreatesATemplateFromLines_AndNamesTheBadLine()
    {
        var client = await app.CreateSignedInClientAsync();
        var name = "Page " + Guid.NewGuid().ToString("N")[..6];

        using var bad = await HtmlForms.SubmitAsync(client, "/timeline-templates", "template",
            ("Form.SessionType", "portrait"), ("Form.Name", name), ("Form.Steps", "Questionnaire sent: -30\nno number here"));
        var badHtml = await bad.Content.ReadAsStringAsync();
        using var good = await HtmlForms.SubmitAsync(client, "/timeline-templates", "template",
            ("Form.SessionType", "portrait"), ("Form.Name", name), ("Form.Steps", "Questionnaire sent: −30\nGallery delivered: +21"));
        var goodHtml = await good.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Line 2", badHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"error-steps\" role=\"alert\"", badHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("was created", goodHtml, StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        var steps = await owner.ExecuteScalarAsync<string>("SELECT steps::text FROM timeline_templates WHERE name = @name", new { name });
        Assert.Contains("\"offset_days\": -30", steps, StringComparison.Ordinal);
        Assert.Contains("\"offset_days\": 21", steps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionPage_AppliesATemplate_AndChecksAStepOff()
    {
        var client = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var (session, title) = await owner.QueryFirstAsync<(Guid, string)>(
            "SELECT x.id, x.title FROM sessions x JOIN studios s ON s.id = x.studio_id WHERE s.slug = 'aurora-studio' AND x.starts_at IS NOT NULL ORDER BY x.id DESC LIMIT 1");
        await owner.ExecuteAsync("DELETE FROM session_timelines WHERE session_id = @session", new { session });
        var template = await owner.QueryFirstAsync<Guid>(
            "SELECT t.id FROM timeline_templates t JOIN studios s ON s.id = t.studio_id WHERE s.slug = 'aurora-studio' AND t.session_type = 'portrait' AND t.is_default");
        var url = $"/sessions/{session}/timeline";

        using var applied = await HtmlForms.SubmitAsync(client, url, "apply", ("TemplateId", template.ToString()));
        var html = await applied.Content.ReadAsStringAsync();
        var step = await owner.QueryFirstAsync<Guid>("SELECT id FROM session_timelines WHERE session_id = @session ORDER BY due_date, sort_order LIMIT 1", new { session });
        using var checkedOff = await HtmlForms.PostAsync(client, html, url, $"step-{step}");
        var after = await checkedOff.Content.ReadAsStringAsync();

        Assert.Contains("applied", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/sessions/{session}\"", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(title), html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, checkedOff.StatusCode);
        Assert.Contains("Mark not done", after, StringComparison.Ordinal);
        Assert.NotNull(await owner.ExecuteScalarAsync<DateTime?>("SELECT completed_at FROM session_timelines WHERE id = @step", new { step }));
    }

    [Fact]
    public async Task SessionPage_OfAnotherStudio_Is404()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner);
        await using var owner = await app.Database.OpenOwnerAsync();
        var session = await owner.QueryFirstAsync<Guid>("SELECT x.id FROM sessions x JOIN studios s ON s.id = x.studio_id WHERE s.slug = 'aurora-studio' LIMIT 1");

        using var response = await client.GetAsync($"/sessions/{session}/timeline");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
