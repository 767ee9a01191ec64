using static Tally.Tests.Search.NumberedLeads;

namespace Tally.Tests.Search;

/// <summary>
/// The three paths of auth.search_candidates (0024, docs/search.md "Bounded by design"): the probe
/// of the studio's newest 200 rows answers alone, a query common in them is walked on newest first,
/// a rarer one (or a walk that falls short) goes to the GIN index. Each path must return exactly the
/// matching rows the caller may see, once each. The leads are numbered (NumberedLeads), so "newest"
/// is known: a walk returns the newest matches, the index returns them in heap order (oldest first).
/// </summary>
public sealed class SearchCandidatePathTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>, IAsyncLifetime
{
    private Guid _member;

    public async Task InitializeAsync() => _member = await SeedOnceAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CommonInTheNewestRows_IsWalkedNewestFirst_UpToTheCap()
    {
        // 20 of the newest 200 match (10%): walked on until 40, the newest 40 matches.
        var expected = Numbers(n => n % 10 == 0).OrderDescending().Take(Cap);

        var found = await FoundAsync("probecommon", Owner());

        Assert.Equal(expected.Order(), found.Order());
    }

    [Fact]
    public async Task CommonInTheProbeButFewerThanTheCap_TheIndexAnswersAlone_EachRowOnce()
    {
        // 12 in the newest 200 and none before: the walk falls short, the index returns all 12, once each.
        var found = await FoundAsync("probeshort", Owner());

        Assert.Equal(Numbers(n => n >= 589), found.Order());
    }

    [Fact]
    public async Task RareInTheNewestRows_IsFoundThroughTheIndex()
    {
        // None of the newest 200 match: only the index can find the three oldest.
        var found = await FoundAsync("probeold", Owner());

        Assert.Equal([1, 2, 3], found.Order());
    }

    [Fact]
    public async Task EnoughMatchesInTheProbe_AreTheAnswer()
    {
        var found = await FoundAsync("probefull", Owner());

        Assert.Equal(Cap, found.Count);
        Assert.Equal(Cap, found.Distinct().Count());
        Assert.All(found, n => Assert.InRange(n, Count - 199, Count));
    }

    [Fact]
    public async Task Filters_ApplyInTheProbe()
    {
        // 30 leads from google, all matching: fewer than 200 pass the filter, so the probe saw them all.
        var found = await FoundAsync("probecommon", Owner(), sources: ["google"]);

        Assert.Equal(Numbers(n => n % 20 == 0), found.Order());
    }

    [Fact]
    public async Task Staff_GetOnlyTheirAssignedLeads_OnEveryPath()
    {
        var staff = Claims(app, "staff", _member);

        Assert.Equal([100, 200, 300], (await FoundAsync("probecommon", staff)).Order());
        Assert.Empty(await FoundAsync("probeold", staff));
    }

    private string Owner() => Claims(app, "owner", _member);

    private async Task<List<int>> FoundAsync(string word, string claims, string[]? sources = null) =>
        (await CandidatesAsync(app, word, claims, sources)).Numbers;
}
