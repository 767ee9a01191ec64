using Tally.Web.Features.Search;

namespace Tally.Tests.Search;

public sealed class ParsedSearchTests
{
    [Fact]
    public void Parse_WordsPhrasesAndExclusions()
    {
        var parsed = ParsedSearch.Parse("  Zoë \"garden party\" -winter smith ");

        Assert.Equal(["zoë", "smith"], parsed.Terms);
        Assert.Equal(["garden party"], parsed.Phrases);
        Assert.Equal(["winter"], parsed.Excluded);
        Assert.Equal("zoë smith \"garden party\" -winter", parsed.Canonical);
    }

    [Theory]
    [InlineData("+1 (206) 555-0142", "12065550142")]
    [InlineData("555.0142", "5550142")]
    [InlineData("0142", "0142")]
    public void Parse_PhoneLikeText_IsOneTermOfDigits(string q, string digits)
    {
        Assert.Equal([digits], ParsedSearch.Parse(q).Terms);
    }

    [Fact]
    public void Parse_Email_KeepsTheWordsOfItsLocalPart()
    {
        Assert.Equal(["zoe", "quenneville"], ParsedSearch.Parse("zoe.quenneville@example.com").Terms);
    }

    [Theory]
    [InlineData("burdette.kil", "burdette.kil")]
    [InlineData("Burdette.Kil.", "burdette.kil")]
    [InlineData("anne_marie+photos", "anne_marie+photos")]
    public void Parse_StartOfAnAddress_IsOneTerm(string q, string term)
    {
        Assert.Equal([term], ParsedSearch.Parse(q).Terms);
    }

    [Theory]
    [InlineData("a.", new[] { "a" })]
    [InlineData("zoë.quenn", new[] { "zoë", "quenn" })]
    [InlineData(".kil", new[] { "kil" })]
    public void Parse_DottedTextThatIsNoAddressStart_IsWords(string q, string[] terms)
    {
        Assert.Equal(terms, ParsedSearch.Parse(q).Terms);
    }

    [Theory]
    [InlineData("\"unbalanced", new[] { "unbalanced" })]
    [InlineData("a&b|c:*", new[] { "a", "b", "c" })]
    [InlineData("'; drop table leads; --", new[] { "drop", "table", "leads" })]
    [InlineData("Z\u0308oe", new[] { "z\u0308oe" })]
    public void Parse_Syntax_IsNeverPassedOn(string q, string[] terms)
    {
        var parsed = ParsedSearch.Parse(q);

        Assert.Equal(terms, parsed.Terms);
        Assert.All(parsed.Terms, t => Assert.All(t, c => Assert.True(char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    [InlineData("-winter")]
    [InlineData("\"\"")]
    public void Parse_NothingToMatch_IsEmpty(string q)
    {
        Assert.True(ParsedSearch.Parse(q).IsEmpty);
    }

    [Theory]
    [InlineData("a", "a")]
    [InlineData("Zo", "zo")]
    [InlineData("zoe", null)]
    [InlineData("a b", null)]
    public void ShortPrefix_OnlyForOneWordOfOneOrTwoLetters(string q, string? prefix)
    {
        Assert.Equal(prefix, ParsedSearch.Parse(q).ShortPrefix);
    }

    [Fact]
    public void Parse_ManyWords_KeepsTen()
    {
        Assert.Equal(ParsedSearch.MaxTerms, ParsedSearch.Parse(string.Join(' ', Enumerable.Range(0, 50).Select(i => "w" + i))).Terms.Count);
    }
}
