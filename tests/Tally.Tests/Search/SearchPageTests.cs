using System.Net;
using Tally.Tests.Web;

namespace Tally.Tests.Search;

/// <summary>The results page and the header box without script: a GET form and server-rendered results.</summary>
public sealed class SearchPageTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>
{
    [Fact]
    public async Task ResultsPage_ShowsHitsGroupedWithMatchesMarked()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        using var response = await client.GetAsync("/search?q=quenneville");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h2 id=\"group-lead\">Leads</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"group-client\">Clients</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<mark>Quenneville</mark>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsPage_Typo_SaysWhatItSearchedInstead()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        var html = await client.GetStringAsync("/search?q=brandkvist");

        Assert.Contains("Showing results for <a href=\"/search?q=brandqvist\">brandqvist</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsPage_RecordText_IsEncoded()
    {
        await using (var conn = await app.Database.OpenOwnerAsync())
        {
            await SearchWebFactory.AddLeadAsync(conn, app.StudioAId, "<script>alert(1)</script>", "Zanzibarian", "xss.search@example.com", null, null, "<img src=x onerror=alert(2)>");
        }
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        var html = await client.GetStringAsync("/search?q=zanzibarian");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_HasTheSearchBox_AsAGetFormWithItsScriptFile()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        using var response = await client.GetAsync("/leads");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<form class=\"search-box\" role=\"search\" method=\"get\" action=\"/search\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/search.js\" defer></script>", html, StringComparison.Ordinal);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsPage_WithoutSignIn_GoesToSignIn()
    {
        using var response = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/search?q=zoe");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}
