using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Tally.Tests.Web;
using Tally.Web.Features.Workflow;

namespace Tally.Tests.Workflow;

/// <summary>POST /api/v1/leads/{id}/stage, GET /api/v1/leads/{id}/transitions and the pipeline board.</summary>
public sealed partial class WorkflowApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    // The oldest leads still at the first stage (the demo seed spreads leads over every stage).
    private async Task<Guid> OldLeadAsync(string slug, int offset)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return await owner.QueryFirstAsync<Guid>(
            "SELECT l.id FROM leads l JOIN studios s ON s.id = l.studio_id WHERE s.slug = @slug AND l.workflow_stage = 'inquiry' ORDER BY l.created_at, l.id OFFSET @offset LIMIT 1",
            new { slug, offset });
    }

    [Fact]
    public async Task AllowedMove_IsRecordedOnce_WithWhoAndWhat()
    {
        var lead = await OldLeadAsync("aurora-studio", 0);
        var client = await app.CreateSignedInClientAsync();

        var moved = await WebAssert.OkJsonAsync<LeadStage>(await client.PostAsJsonAsync($"/api/v1/leads/{lead}/stage", new { stage = "contacted", reason = "phoned" }));
        var transitions = await WebAssert.OkJsonAsync<List<StageTransition>>(await client.GetAsync($"/api/v1/leads/{lead}/transitions"));

        Assert.Equal("contacted", moved.Stage);
        Assert.Contains("consultation", moved.NextStages);
        var t = Assert.Single(transitions);
        Assert.Equal(("inquiry", "contacted", TestSignIn.AuroraOwner, "phoned", false), (t.FromStage, t.ToStage, t.TransitionedBy, t.Reason, t.Automated));
    }

    [Fact]
    public async Task ForbiddenMove_Is409AndChangesNothing()
    {
        var lead = await OldLeadAsync("aurora-studio", 1);
        var client = await app.CreateSignedInClientAsync();

        var problem = await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/leads/{lead}/stage", new { stage = "completed" }), HttpStatusCode.Conflict);
        var transitions = await WebAssert.OkJsonAsync<List<StageTransition>>(await client.GetAsync($"/api/v1/leads/{lead}/transitions"));

        Assert.Contains("cannot move from inquiry to completed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(transitions);
    }

    [Fact]
    public async Task UnknownStage_Is422()
    {
        var lead = await OldLeadAsync("aurora-studio", 2);
        var client = await app.CreateSignedInClientAsync();

        await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/leads/{lead}/stage", new { stage = "won" }), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task AnotherStudiosLead_Is404()
    {
        var lead = await OldLeadAsync("north-light", 0);
        var client = await app.CreateSignedInClientAsync();

        await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/leads/{lead}/stage", new { stage = "contacted" }), HttpStatusCode.NotFound);
        await WebAssert.ProblemAsync(await client.GetAsync($"/api/v1/leads/{lead}/transitions"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Board_ShowsCountsPerStage_AndMovesALeadByItsForm()
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        var client = await app.CreateSignedInClientAsync();

        var html = await client.GetStringAsync("/pipeline");
        var inquiries = await owner.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM leads l JOIN studios s ON s.id = l.studio_id WHERE s.slug = 'aurora-studio' AND l.workflow_stage = 'inquiry'");
        Assert.Contains($"data-count=\"{inquiries}\"", html, StringComparison.Ordinal);
        foreach (var stage in WorkflowStages.Lead)
        {
            Assert.Contains($"data-stage=\"{stage}\"", html, StringComparison.Ordinal);
        }

        var lead = MoveForm().Match(html).Groups["id"].Value;
        var action = $"/pipeline/leads/{lead}/stage";
        // The signed-in client follows the redirect back to the board, which shows the lead's history.
        using var moved = await HtmlForms.PostAsync(client, html, action, action, ("stage", "contacted"));
        var after = await moved.Content.ReadAsStringAsync();
        Assert.Equal($"/pipeline?moved={lead}", moved.RequestMessage?.RequestUri?.PathAndQuery);
        Assert.Contains("Inquiry → Contacted", after, StringComparison.Ordinal);
        Assert.Equal("contacted", await owner.ExecuteScalarAsync<string>("SELECT workflow_stage FROM leads WHERE id = @id", new { id = Guid.Parse(lead) }));

        using var forbidden = await HtmlForms.PostAsync(client, html, action, action, ("stage", "contacted"));
        Assert.Equal("/pipeline?problem=forbidden", forbidden.RequestMessage?.RequestUri?.PathAndQuery);
        Assert.Contains("not allowed", HtmlForms.Alert(await forbidden.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesPage_TurnsTheQuoteAutomationOffAndOn()
    {
        var client = await app.CreateSignedInClientAsync();
        const string action = "/workflow/rules/save";

        var html = await client.GetStringAsync("/workflow/rules");
        Assert.Contains("quote_sent_to_proposal", html, StringComparison.Ordinal);
        using var off = await HtmlForms.PostAsync(client, html, action, action);
        var afterOff = await off.Content.ReadAsStringAsync();
        using var on = await HtmlForms.PostAsync(client, afterOff, action, action);

        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Contains("Turn on", afterOff, StringComparison.Ordinal);
        Assert.True(await owner.ExecuteScalarAsync<bool>(
            "SELECT r.enabled FROM workflow_rules r JOIN studios s ON s.id = r.studio_id WHERE s.slug = 'aurora-studio' AND r.rule_name = 'quote_sent_to_proposal'"));
    }

    [Fact]
    public async Task RulesPage_TurnsTheContractAutomationOff()
    {
        var client = await app.CreateSignedInClientAsync();
        const string action = "/workflow/rules/save";

        var html = await client.GetStringAsync("/workflow/rules");
        Assert.Contains("data-rule=\"contract_signed_deposit_paid\"", html, StringComparison.Ordinal);
        // The antiforgery token of the page, with this rule's fields (each rule's form carries its own name).
        var token = HtmlForms.HiddenFields(html, action).Where(f => f.Key == "__RequestVerificationToken");
        using var off = await client.PostAsync(action, new FormUrlEncodedContent(
            token.Append(new("rule", "contract_signed_deposit_paid")).Append(new("enabled", "false"))));

        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal("/workflow/rules?saved=contract_signed_deposit_paid", off.RequestMessage?.RequestUri?.PathAndQuery);
        Assert.False(await owner.ExecuteScalarAsync<bool>(
            "SELECT r.enabled FROM workflow_rules r JOIN studios s ON s.id = r.studio_id WHERE s.slug = 'aurora-studio' AND r.rule_name = 'contract_signed_deposit_paid'"));
    }

    [GeneratedRegex("""action="/pipeline/leads/(?<id>[0-9a-f-]{36})/stage""")]
    private static partial Regex MoveForm();
}
