using System.Net;
using System.Net.Http.Json;
using Dapper;
using Tally.Tests.Web;
using Tally.Web.Features.Search;

namespace Tally.Tests.Search;

/// <summary>
/// The results page opened afresh applies the member's default saved search of the type viewed,
/// names it and offers to clear it.
/// </summary>
public sealed class DefaultSavedSearchPageTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>
{
    private static async Task<SavedSearch> CreateDefaultAsync(HttpClient client, string name, string entityType, SavedSearchCriteria criteria)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/saved-searches", new CreateSavedSearch(name, entityType, criteria, true));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<SavedSearch>())!;
    }

    [Fact]
    public async Task ResultsPage_OpenedAfresh_AppliesTheDefaultOfTheTypeViewed_NamesIt_AndCanBeCleared()
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var client = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO clients (studio_id, id, first_name, last_name, email) VALUES (@s, @client, 'Rosalind', 'Featherstonehaugh', 'rosalind.f@example.org');
            INSERT INTO sessions (studio_id, id, client_id, session_type, title) VALUES (@s, @session, @client, 'portrait', 'Studio portraits');
            """, new { s = app.StudioAId, client, session = Guid.CreateVersion7() });
        var browser = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        var sessions = await CreateDefaultAsync(browser, "Featherstonehaugh shoots <b>", "sessions", new SavedSearchCriteria("featherstonehaugh", ["sessions"]));
        var everything = await CreateDefaultAsync(browser, "Brandqvists", "all", new SavedSearchCriteria("brandqvist", null));
        try
        {
            // Sessions viewed: the sessions default, found by the client's name.
            using var fresh = await browser.GetAsync("/search?types=sessions");
            var html = await fresh.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Contains("q=featherstonehaugh", fresh.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
            Assert.Contains($"saved={sessions.Id}", fresh.RequestMessage.RequestUri.Query, StringComparison.Ordinal);
            Assert.Contains("<p class=\"search-applied\" role=\"status\">", html, StringComparison.Ordinal);
            Assert.Contains("Your default search “Featherstonehaugh shoots &lt;b&gt;” is applied.", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/search?q=&amp;types=sessions\">Clear it</a>", html, StringComparison.Ordinal);
            Assert.Contains("Studio portraits", html, StringComparison.Ordinal);

            // Everything viewed: the default of all types, not the sessions one.
            using var all = await browser.GetAsync("/search");
            var allHtml = await all.Content.ReadAsStringAsync();
            Assert.Contains("q=brandqvist", all.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
            Assert.Contains("Your default search “Brandqvists” is applied.", allHtml, StringComparison.Ordinal);
            Assert.Contains($"href=\"/leads/{app.LeadsA["peter"]}\"", allHtml, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/search?q=\">Clear it</a>", allHtml, StringComparison.Ordinal);

            // Cleared: the page as asked for blank, no default applied again, nothing named.
            using var cleared = await browser.GetAsync("/search?q=&types=sessions");
            var clearedHtml = await cleared.Content.ReadAsStringAsync();
            Assert.Equal("?q=&types=sessions", cleared.RequestMessage!.RequestUri!.Query);
            Assert.DoesNotContain("search-applied", clearedHtml, StringComparison.Ordinal);
            Assert.DoesNotContain("Studio portraits", clearedHtml, StringComparison.Ordinal);
        }
        finally
        {
            await browser.DeleteAsync($"/api/v1/saved-searches/{sessions.Id}");
            await browser.DeleteAsync($"/api/v1/saved-searches/{everything.Id}");
        }
    }

    [Fact]
    public async Task ResultsPage_NamesOnlyTheMembersOwnSavedSearch()
    {
        var owner = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        var mine = await CreateDefaultAsync(owner, "Quennevilles of the owner", "leads", new SavedSearchCriteria("quenneville", ["leads"]));
        try
        {
            var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
            var html = await staff.GetStringAsync($"/search?q=quenneville&types=leads&saved={mine.Id}");
            var ownHtml = await owner.GetStringAsync($"/search?q=quenneville&types=leads&saved={mine.Id}");
            var junk = await owner.GetStringAsync("/search?q=quenneville&saved=%3Cscript%3E");

            Assert.DoesNotContain("Quennevilles of the owner", html, StringComparison.Ordinal);
            Assert.Contains("Your default search “Quennevilles of the owner” is applied.", ownHtml, StringComparison.Ordinal);
            Assert.DoesNotContain("search-applied", junk, StringComparison.Ordinal);
        }
        finally
        {
            await owner.DeleteAsync($"/api/v1/saved-searches/{mine.Id}");
        }
    }
}
