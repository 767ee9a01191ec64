using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Tally.Tests.Web;

namespace Tally.Tests.Audit;

/// <summary>The History section of the lead page (Features/Audit/RecordHistory.razor).</summary>
public sealed partial class RecordHistoryPageTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private async Task<Guid> LeadAsync(int offset)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        return await owner.QueryFirstAsync<Guid>("""
            SELECT l.id FROM leads l JOIN studios s ON s.id = l.studio_id
            WHERE s.slug = 'aurora-studio' AND l.workflow_stage = 'inquiry' ORDER BY l.created_at, l.id OFFSET @offset LIMIT 1
            """, new { offset });
    }

    [Fact]
    public async Task Owner_SeesTheStageChangesNewestFirst_AndTheLeadAsItWas()
    {
        var lead = await LeadAsync(0);
        var client = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await owner.ExecuteScalarAsync<string>("SELECT timezone FROM studios WHERE slug = 'aurora-studio'") ?? "UTC");

        (await client.PostAsJsonAsync($"/api/v1/leads/{lead}/stage", new { stage = "contacted" })).EnsureSuccessStatusCode();
        await Task.Delay(1100);
        var between = DateTime.UtcNow;
        await Task.Delay(1100);
        (await client.PostAsJsonAsync($"/api/v1/leads/{lead}/stage", new { stage = "consultation" })).EnsureSuccessStatusCode();

        var html = await client.GetStringAsync($"/leads/{lead}");
        var stages = StageChange().Matches(html).Select(m => (m.Groups["from"].Value, m.Groups["to"].Value)).ToList();
        Assert.Equal([("contacted", "consultation"), ("inquiry", "contacted")], stages);
        Assert.Contains($"by {TestSignIn.AuroraOwner}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("history-not-allowed", html, StringComparison.Ordinal);

        var local = TimeZoneInfo.ConvertTimeFromUtc(between, zone).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var then = await client.GetStringAsync($"/leads/{lead}?asOf={local}");
        var snapshot = then[then.IndexOf("data-testid=\"history-as-of\"", StringComparison.Ordinal)..];
        Assert.Contains("<dt>Workflow stage</dt><dd>contacted</dd>", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadAsOf_IsAnnouncedAsAFieldError()
    {
        var lead = await LeadAsync(1);
        var client = await app.CreateSignedInClientAsync();

        using var response = await client.GetAsync($"/leads/{lead}?asOf=%27%3B%20DROP%20TABLE%20leads%3B--");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"history-as-of-error\" class=\"field-error\" role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_SeeTheLeadButNotItsTrail()
    {
        var lead = await LeadAsync(2);
        await using (var owner = await app.Database.OpenOwnerAsync())
        {
            await owner.ExecuteAsync(
                "UPDATE leads SET assigned_to = (SELECT id FROM admin_users WHERE email = @staff) WHERE id = @lead",
                new { staff = TestSignIn.AuroraStaff, lead });
        }
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);

        var html = await staff.GetStringAsync($"/leads/{lead}");

        Assert.Contains("data-testid=\"history-not-allowed\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"history\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("""data-field="workflow_stage">[^<]*<span class="change"><span class="from">(?<from>[^<]*)</span> → <span class="to">(?<to>[^<]*)</span>""")]
    private static partial Regex StageChange();
}
