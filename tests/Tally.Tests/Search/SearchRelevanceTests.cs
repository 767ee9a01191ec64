using Tally.Tests.Web;
using static Tally.Tests.Search.SearchApi;

namespace Tally.Tests.Search;

/// <summary>What a search finds and in which order: prefixes, phrases, exclusions, accents, contacts, typos.</summary>
public sealed class SearchRelevanceTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>
{
    private Task<HttpClient> OwnerAsync() => app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

    [Fact]
    public async Task Search_NameMatch_OutranksMessageMatch()
    {
        var result = await SearchAsync(await OwnerAsync(), "quenneville", types: "leads");

        var ids = Ids(result);
        Assert.Contains(app.LeadsA["zoe"], ids);
        Assert.Contains(app.LeadsA["referral"], ids);
        Assert.True(ids.ToList().IndexOf(app.LeadsA["zoe"]) < ids.ToList().IndexOf(app.LeadsA["referral"]), "the name match should rank first");
        var zoe = result.Results.Single(r => r.Id == app.LeadsA["zoe"]);
        Assert.Contains("name", zoe.MatchedFields);
        Assert.Contains("message", result.Results.Single(r => r.Id == app.LeadsA["referral"]).MatchedFields);
    }

    [Fact]
    public async Task Search_EachHit_LinksToItsRecordsPage()
    {
        var result = await SearchAsync(await OwnerAsync(), "quenneville");

        Assert.NotEmpty(result.Results);
        Assert.All(result.Results, hit => Assert.Equal($"/{hit.Type}s/{hit.Id}", hit.Url));
    }

    [Theory]
    [InlineData("quen")]
    [InlineData("Quenn")]
    [InlineData("zo quenne")]
    public async Task Search_EveryTermIsAPrefix(string q)
    {
        var result = await SearchAsync(await OwnerAsync(), q);

        Assert.Contains(app.LeadsA["zoe"], Ids(result));
        Assert.False(result.Fuzzy);
    }

    [Theory]
    [InlineData("zoe quenneville")]
    [InlineData("ZOË QUENNEVILLE")]
    [InlineData("Zoë")]
    public async Task Search_AccentsFold_BothWays(string q)
    {
        var result = await SearchAsync(await OwnerAsync(), q);

        // The lead is "Zoë Quenneville", the client "Zoe Quennevillé": each found by either spelling.
        Assert.Contains(app.LeadsA["zoe"], Ids(result));
        Assert.Contains(app.ClientZoeA, Ids(result));
    }

    [Fact]
    public async Task Search_Title_HighlightsTheMatchAsPlainTextSegments()
    {
        var result = await SearchAsync(await OwnerAsync(), "zoe");

        var zoe = result.Results.Single(r => r.Id == app.LeadsA["zoe"]);
        Assert.Equal("Zoë Quenneville", Text(zoe.Title));
        Assert.Contains(zoe.Title, s => s.Match && s.Text == "Zoë");
        Assert.Equal("lead", zoe.Type);
    }

    [Fact]
    public async Task Search_Phrase_MatchesWordsInOrderOnly()
    {
        var result = await SearchAsync(await OwnerAsync(), "\"garden party\"", types: "leads");

        Assert.Contains(app.LeadsA["anders"], Ids(result));
        Assert.DoesNotContain(app.LeadsA["peter"], Ids(result));
    }

    [Fact]
    public async Task Search_MinusWord_Excludes()
    {
        var both = await SearchAsync(await OwnerAsync(), "brandqvist", types: "leads");
        var notWinter = await SearchAsync(await OwnerAsync(), "brandqvist -winter", types: "leads");

        Assert.Contains(app.LeadsA["peter"], Ids(both));
        Assert.Contains(app.LeadsA["anders"], Ids(notWinter));
        Assert.False(notWinter.Fuzzy);
        Assert.DoesNotContain(app.LeadsA["peter"], Ids(notWinter));
    }

    [Theory]
    [InlineData("zoe.quenneville@example.com")]
    [InlineData("zoe.quenneville@exa")]
    [InlineData("zoe.quenn")]
    public async Task Search_Email_FoundWholeOrInPart(string q)
    {
        var result = await SearchAsync(await OwnerAsync(), q, types: "leads");

        Assert.Contains(app.LeadsA["zoe"], Ids(result));
    }

    [Fact]
    public async Task Search_StartOfAnAddress_MatchesAddressesFromTheirStart()
    {
        // One term, a prefix of the whole address: the same two words in another order are no address.
        var result = await SearchAsync(await OwnerAsync(), "quenneville.zoe", types: "leads");

        Assert.Empty(result.Results);
    }

    [Theory]
    [InlineData("+1 (206) 555-0142")]
    [InlineData("2065550142")]
    [InlineData("555-0142")]
    [InlineData("5550142")]
    [InlineData("0142")]
    [InlineData("206.555")]
    public async Task Search_Phone_FoundWhateverTheFormatting(string q)
    {
        var result = await SearchAsync(await OwnerAsync(), q, types: "leads");

        Assert.Contains(app.LeadsA["zoe"], Ids(result));
        Assert.Contains("contact", result.Results.Single(r => r.Id == app.LeadsA["zoe"]).MatchedFields);
    }

    [Fact]
    public async Task Search_Typo_FallsBackToCloseSpellings_AndSaysSo()
    {
        var result = await SearchAsync(await OwnerAsync(), "jonh smtihereen");

        Assert.True(result.Fuzzy);
        Assert.Equal("john smithereen", result.Suggestion);
        Assert.Contains(app.LeadsA["john"], Ids(result));
    }

    [Fact]
    public async Task Search_MisspelledSurname_FoundByTrigrams()
    {
        var result = await SearchAsync(await OwnerAsync(), "brandkvist", types: "leads");

        Assert.True(result.Fuzzy);
        Assert.Equal("brandqvist", result.Suggestion);
        Assert.Contains(app.LeadsA["anders"], Ids(result));
    }

    [Fact]
    public async Task Search_ExactMatch_IsNotFuzzy()
    {
        var result = await SearchAsync(await OwnerAsync(), "smithereen");

        Assert.False(result.Fuzzy);
        Assert.Null(result.Suggestion);
        Assert.Contains(app.LeadsA["john"], Ids(result));
    }

    [Fact]
    public async Task Search_OneLetter_ListsNamesStartingWithIt()
    {
        var result = await SearchAsync(await OwnerAsync(), "x", types: "leads", limit: 50);

        Assert.Contains(app.LeadsA["referral"], Ids(result));
        Assert.All(result.Results, r => Assert.Contains(Text(r.Title).Split(' '), w => w.StartsWith('x') || w.StartsWith('X')));
    }

    [Fact]
    public async Task Search_Types_LimitWhatIsSearched()
    {
        var leads = await SearchAsync(await OwnerAsync(), "zoe", types: "leads");
        var clients = await SearchAsync(await OwnerAsync(), "zoe", types: "clients");

        Assert.All(leads.Results, r => Assert.Equal("lead", r.Type));
        Assert.All(clients.Results, r => Assert.Equal("client", r.Type));
        Assert.Contains(app.ClientZoeA, Ids(clients));
    }
}
