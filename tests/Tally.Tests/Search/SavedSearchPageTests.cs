using System.Net;
using System.Text.RegularExpressions;
using Tally.Tests.Security;
using Tally.Tests.Web;

namespace Tally.Tests.Search;

/// <summary>The saved-searches page: save from the results page, list, apply, rename, make default, delete.</summary>
public sealed class SavedSearchPageTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>
{
    private async Task<(HttpClient Browser, string Token)> OpenAsync(string url)
    {
        var browser = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        var (_, token) = await HttpForms.OpenAsync(browser, url);
        return (browser, token);
    }

    private async Task<string> SaveAsync(HttpClient browser, string token, string name, string q, string status = "")
    {
        using var saved = await HttpForms.PostAsync(browser, "/search/saved", token,
            [new("name", name), new("q", q), new("types", ""), new("status", status), new("source", ""), new("from", ""), new("to", ""), new("assignedTo", "")]);
        var html = await saved.Content.ReadAsStringAsync();
        Assert.True(saved.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("The search was saved.", html, StringComparison.Ordinal);
        var id = Regex.Match(html, $"data-saved-search-id=\"(?<id>[^\"]+)\">\\s*<th scope=\"row\"><a href=\"[^\"]*\">{Regex.Escape(name)}</a>");
        Assert.True(id.Success, html);
        return id.Groups["id"].Value;
    }

    [Fact]
    public async Task ResultsPage_HasASaveThisSearchForm_WithTheCriteria()
    {
        var browser = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        var html = await browser.GetStringAsync("/search?q=quenneville&status=new");

        Assert.Contains("<form class=\"filters save-search\" method=\"post\" action=\"/search/saved\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"save-search-name\">Save this search as</label>", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"status\" value=\"new\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/search/saved\">Saved searches</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ListsIt_WithAnApplyLinkCarryingTheFilters()
    {
        var (browser, token) = await OpenAsync("/search?q=quenneville&status=new");

        await SaveAsync(browser, token, "New Quennevilles", "quenneville", "new");

        var page = await browser.GetStringAsync("/search/saved");
        Assert.Contains("<a href=\"/search?q=quenneville&amp;status=new\">New Quennevilles</a>", page, StringComparison.Ordinal);
        var results = await browser.GetStringAsync("/search?q=quenneville&status=new");
        Assert.Contains("<h2 id=\"group-lead\">Leads</h2>", results, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_MakeDefault_Delete()
    {
        var (browser, token) = await OpenAsync("/search/saved");
        var id = await SaveAsync(browser, token, "Brandqvists", "brandqvist");

        using (var renamed = await HttpForms.PostAsync(browser, $"/search/saved/{id}/rename", token, [new("name", "The Brandqvists")]))
        {
            var html = await renamed.Content.ReadAsStringAsync();
            Assert.Contains("The search was renamed.", html, StringComparison.Ordinal);
            Assert.Contains(">The Brandqvists</a>", html, StringComparison.Ordinal);
        }
        using (var made = await HttpForms.PostAsync(browser, $"/search/saved/{id}/default", token, []))
        {
            var html = await made.Content.ReadAsStringAsync();
            Assert.Contains("The search is now the default of its type.", html, StringComparison.Ordinal);
            Assert.Contains("Default for all", html, StringComparison.Ordinal);
        }
        using (var deleted = await HttpForms.PostAsync(browser, $"/search/saved/{id}/delete", token, []))
        {
            var html = await deleted.Content.ReadAsStringAsync();
            Assert.Contains("The search was deleted.", html, StringComparison.Ordinal);
            Assert.DoesNotContain(id, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Save_WithoutName_OrWithBadCriteria_SaysSo()
    {
        var (browser, token) = await OpenAsync("/search/saved");

        using var noName = await HttpForms.PostAsync(browser, "/search/saved", token, [new("name", " "), new("q", "zoe")]);
        Assert.Contains("Give the search a name", await noName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var badFilter = await HttpForms.PostAsync(browser, "/search/saved", token, [new("name", "Bad"), new("q", "zoe"), new("status", "bogus")]);
        Assert.Contains("its text or filters are not valid", await badFilter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var browser = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        using var post = await browser.PostAsync($"/search/saved/{Guid.CreateVersion7()}/delete", new FormUrlEncodedContent([]));
        using var save = await browser.PostAsync("/search/saved", new FormUrlEncodedContent([new("name", "x"), new("q", "zoe")]));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
    }

    [Fact]
    public async Task OtherMembers_SavedSearches_AreNotListed_NorChangeable()
    {
        var (owner, ownerToken) = await OpenAsync("/search/saved");
        var id = await SaveAsync(owner, ownerToken, "Owner only", "zoe");
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        var (_, staffToken) = await HttpForms.OpenAsync(staff, "/search/saved");

        Assert.DoesNotContain("Owner only", await staff.GetStringAsync("/search/saved"), StringComparison.Ordinal);
        using var delete = await HttpForms.PostAsync(staff, $"/search/saved/{id}/delete", staffToken, []);
        Assert.Contains("There is no such saved search of yours.", await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Owner only", await owner.GetStringAsync("/search/saved"), StringComparison.Ordinal);
    }
}
