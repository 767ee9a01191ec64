using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Tally.Web.Features.Leads;

namespace Tally.Tests.Web;

public sealed partial class LeadsPageTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task LeadsPage_Anonymous_RedirectsToSignIn()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/leads?status=new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Fleads%3Fstatus%3Dnew", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task LeadsPage_SignedInOwner_ShowsNewestLeadsOfOwnStudio()
    {
        var client = await app.CreateSignedInClientAsync();
        var newest = await WebAssert.OkJsonAsync<LeadListPage>(await client.GetAsync("/api/v1/studios/aurora-studio/leads?limit=50"));

        var html = await GetHtmlAsync("/leads");

        Assert.Contains("Aurora Studio", html, StringComparison.Ordinal);
        Assert.Equal(newest.Items.Select(Name).Select(HtmlEncoder.Default.Encode), RowNames(html));
        Assert.Contains("<caption>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Email</th>", html, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"site-nav\" aria-label=\"Main\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#main\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadsPage_Get_AllowsOnlyOwnScriptFilesByPolicy()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/leads");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task LeadsPage_NextLink_ShowsTheFollowingLeadsAndAFirstPageLink()
    {
        var first = await GetHtmlAsync("/leads");
        var next = NextLink().Match(first);
        Assert.True(next.Success, first);
        var second = await GetHtmlAsync(System.Net.WebUtility.HtmlDecode(next.Groups[1].Value));

        Assert.Equal(50, RowNames(second).Count);
        Assert.DoesNotContain(">First page<", first, StringComparison.Ordinal);
        Assert.Contains(">First page<", second, StringComparison.Ordinal);
        Assert.Empty(RowNames(first).Intersect(RowNames(second)));
    }

    [Fact]
    public async Task LeadsPage_StatusFilter_ShowsOnlyThatStatusAndKeepsItInLinks()
    {
        var html = await GetHtmlAsync("/leads?status=new");

        var statuses = StatusCell().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Equal("new", s));
        Assert.Contains("<option value=\"new\" selected>", html, StringComparison.Ordinal);
        if (statuses.Count == 50)
        {
            Assert.Contains("href=\"/leads?status=new&amp;after=", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LeadsPage_OwnerOfOtherStudio_ShowsThatStudioOnly()
    {
        var html = await GetHtmlAsync("/leads", TestSignIn.NorthLightOwner);

        Assert.Contains("North Light", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Aurora Studio", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"studio\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/leads?after=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadsPage_OtherStudioInQuery_IsIgnored()
    {
        var html = await GetHtmlAsync("/leads?studio=north-light");

        Assert.Contains("Aurora Studio", html, StringComparison.Ordinal);
        Assert.DoesNotContain("North Light", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadsPage_SignedIn_HeaderShowsMemberSignOutAndTeamLink()
    {
        var html = await GetHtmlAsync("/leads");

        Assert.Contains(TestSignIn.AuroraOwner, html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/signout\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/team\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadsPage_SignedInStaff_NoTeamLink()
    {
        var html = await GetHtmlAsync("/leads", TestSignIn.AuroraStaff);

        Assert.Contains(TestSignIn.AuroraStaff, html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/team\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadsPage_ScriptInLeadName_RenderedAsText()
    {
        await using (var conn = await app.Database.OpenOwnerAsync())
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO leads (studio_id, id, first_name, last_name, email, created_at)
            SELECT id, $1, '<script>alert(1)</script>', '<img src=x onerror=alert(2)>', 'xss@example.com', now() + interval '1 day'
            FROM studios WHERE slug = 'north-light'
            """, conn))
        {
            cmd.Parameters.Add(new() { Value = Guid.CreateVersion7() });
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        var html = await GetHtmlAsync("/leads", TestSignIn.NorthLightOwner);

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        // The only script element is the search box's own file; no inline script at all.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.All(scripts, s => Assert.Matches("^<script src=\"/js/[a-z-]+\\.js\"( defer)?>$", s.Value));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("after=abc")]
    [InlineData("sort=cheapest")]
    [InlineData("from=2027-13-01")]
    [InlineData("assignedTo=bob")]
    [InlineData("status=pending")]
    public async Task LeadsPage_InvalidParameter_Returns400PageWithMessage(string query)
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync($"/leads?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
    }

    private async Task<string> GetHtmlAsync(string url, string email = TestSignIn.AuroraOwner)
    {
        var response = await (await app.CreateSignedInClientAsync(email)).GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return html;
    }

    private static string Name(LeadSummary lead) =>
        string.IsNullOrWhiteSpace(lead.LastName) ? lead.FirstName : $"{lead.FirstName} {lead.LastName}";

    private static List<string> RowNames(string html) =>
        RowHeader().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<th scope=\"row\"><a href=\"/leads/[0-9a-f-]+\">(.*?)</a></th>", RegexOptions.Singleline)]
    private static partial Regex RowHeader();

    [GeneratedRegex("<a rel=\"next\" href=\"([^\"]+)\">Next</a>")]
    private static partial Regex NextLink();

    [GeneratedRegex("<span class=\"status\" data-status=\"([a-z_]+)\">")]
    private static partial Regex StatusCell();
}
