using System.Net;
using Tally.Tests.Web;
using static Tally.Tests.Search.SearchApi;

namespace Tally.Tests.Search;

/// <summary>Whatever is typed, search answers: results (possibly none) or a 400 naming the parameter, never a 500.</summary>
public sealed class SearchBadInputTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>
{
    public static TheoryData<string> Valid => new()
    {
        "",
        " ",
        "a",
        "é",
        "!!!",
        "'; DROP TABLE leads; --",
        "x' OR '1'='1",
        "a & b | !c <-> d:* (e)",
        "\"unbalanced quote",
        "\"\"",
        "---",
        "-",
        "-only -exclusions",
        "\u0000\u0001\u0007 control\u001b[31m",
        "\\' \\\\ '' \"",
        "日本語のテキスト",
        "مرحبا بالعالم",
        "👩‍👩‍👧‍👦 🎉",
        "Z\u0308oe\u0301",
        "\ud800 lone surrogate",
        "Ｓｍｉｔｈ",
        "%_%",
        "$1 $$ $tag$",
        "\u202e reversed",
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task Search_HostileText_AnswersWithResults(string q)
    {
        var client = await app.CreateSignedInClientAsync();

        var result = await SearchAsync(client, q);

        Assert.NotNull(result.Results);
    }

    [Fact]
    public async Task Search_TenThousandCharacters_IsA400NamingQ()
    {
        var client = await app.CreateSignedInClientAsync();

        using var response = await client.GetAsync("/api/v1/search?q=" + new string('a', 10_000));

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Theory]
    [InlineData("/api/v1/search", "q")]
    [InlineData("/api/v1/search?q=zoe&types=leads,invoices", "types")]
    [InlineData("/api/v1/search?q=zoe&types=,", "types")]
    [InlineData("/api/v1/search?q=zoe&limit=0", "limit")]
    [InlineData("/api/v1/search?q=zoe&limit=51", "limit")]
    [InlineData("/api/v1/search?q=zoe&limit=ten", "limit")]
    [InlineData("/api/v1/search?q=zoe&page=-1", "page")]
    [InlineData("/api/v1/search?q=zoe&page=99999999999999", "page")]
    public async Task Search_BadParameter_IsA400NamingIt(string url, string parameter)
    {
        var client = await app.CreateSignedInClientAsync();

        using var response = await client.GetAsync(url);

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"no error for {parameter}");
    }

    [Fact]
    public async Task Search_EveryNaughtyString_NeverServerError()
    {
        var client = await app.CreateSignedInClientAsync();
        var failures = new List<string>();
        foreach (var naughty in Blns.All)
        {
            foreach (var url in new[] { "/api/v1/search?q=", "/search?q=", "/api/v1/search?q=zoe&types=" })
            {
                using var response = await client.GetAsync(url + Uri.EscapeDataString(naughty));
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} for {url}{naughty}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }
}
