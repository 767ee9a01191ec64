using System.Net;
using Npgsql;
using Tally.Web.Features.Leads;

namespace Tally.Tests.Web;

public sealed class LeadsApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private const string Studio = "aurora-studio";

    [Fact]
    public async Task ListLeads_FirstTwoPages_DifferWithoutOverlap()
    {
        var client = await app.CreateSignedInClientAsync();

        var first = await WebAssert.OkJsonAsync<LeadPage>(await client.GetAsync($"/api/v1/studios/{Studio}/leads?page=1&pageSize=50"));
        var second = await WebAssert.OkJsonAsync<LeadPage>(await client.GetAsync($"/api/v1/studios/{Studio}/leads?page=2&pageSize=50"));

        Assert.Equal(50, first.Items.Count);
        Assert.Equal(50, second.Items.Count);
        Assert.True(first.HasNext);
        Assert.Equal(Studio, first.Studio.Slug);
        Assert.Empty(first.Items.Select(l => l.Id).Intersect(second.Items.Select(l => l.Id)));
        // Newest first, across the page boundary too.
        var createdAt = first.Items.Concat(second.Items).Select(l => l.CreatedAt).ToList();
        Assert.Equal(createdAt.OrderDescending(), createdAt);
    }

    [Fact]
    public async Task ListLeads_AllPages_CoverEveryLeadOnceAndLastHasNoNext()
    {
        var client = await app.CreateSignedInClientAsync();
        var seen = new List<Guid>();
        LeadPage page;
        var number = 1;
        do
        {
            page = await WebAssert.OkJsonAsync<LeadPage>(await client.GetAsync($"/api/v1/studios/{Studio}/leads?page={number++}&pageSize=70"));
            seen.AddRange(page.Items.Select(l => l.Id));
            if (page.HasNext)
            {
                Assert.Equal(70, page.Items.Count);
            }
        }
        while (page.HasNext);

        Assert.Equal(await CountLeadsAsync(status: null), seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var beyond = await WebAssert.OkJsonAsync<LeadPage>(await client.GetAsync($"/api/v1/studios/{Studio}/leads?page={number}&pageSize=70"));
        Assert.Empty(beyond.Items);
        Assert.False(beyond.HasNext);
    }

    [Fact]
    public async Task ListLeads_StatusFilter_ReturnsOnlyThatStatus()
    {
        var status = await MostCommonStatusAsync();
        var expected = await CountLeadsAsync(status);

        var page = await WebAssert.OkJsonAsync<LeadPage>(await (await app.CreateSignedInClientAsync()).GetAsync($"/api/v1/studios/{Studio}/leads?status={status}&pageSize=200"));

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, lead => Assert.Equal(status, lead.Status));
        Assert.Equal(status, page.Status);
        Assert.Equal(Math.Min(expected, 200), page.Items.Count);
        Assert.Equal(expected > 200, page.HasNext);
    }

    [Fact]
    public async Task ListLeads_Defaults_FirstPageOfFifty()
    {
        var page = await WebAssert.OkJsonAsync<LeadPage>(await (await app.CreateSignedInClientAsync()).GetAsync($"/api/v1/studios/{Studio}/leads"));

        Assert.Equal(1, page.Page);
        Assert.Equal(50, page.PageSize);
        Assert.Null(page.Status);
        Assert.Equal(50, page.Items.Count);
    }

    [Fact]
    public async Task ListLeads_UnknownStudio_Returns404ProblemWithRequestId()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/api/v1/studios/no-such-studio/leads");

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-studio", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListLeads_OtherStudiosSlug_Returns404()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/api/v1/studios/north-light/leads");

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("north-light", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListLeads_Anonymous_Returns401Problem()
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/studios/{Studio}/leads");

        await WebAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("aurora-studio", "page=0", "page")]
    [InlineData("aurora-studio", "page=-3", "page")]
    [InlineData("aurora-studio", "pageSize=0", "pageSize")]
    [InlineData("aurora-studio", "pageSize=201", "pageSize")]
    [InlineData("aurora-studio", "status=pending", "status")]
    [InlineData("Aurora_Studio", "page=1", "slug")]
    [InlineData("a", "page=1", "slug")]
    public async Task ListLeads_InvalidParameter_Returns400ValidationProblem(string slug, string query, string parameter)
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync($"/api/v1/studios/{slug}/leads?{query}");

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.GetRawText());
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("pageSize=1e3")]
    [InlineData("page=99999999999")]
    public async Task ListLeads_NonIntegerPaging_Returns400Problem(string query)
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync($"/api/v1/studios/{Studio}/leads?{query}");

        await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListLeads_PageFarBeyondTheEnd_ReturnsEmptyPage()
    {
        var page = await WebAssert.OkJsonAsync<LeadPage>(await (await app.CreateSignedInClientAsync()).GetAsync($"/api/v1/studios/{Studio}/leads?page=2147483647&pageSize=200"));

        Assert.Empty(page.Items);
        Assert.False(page.HasNext);
    }

    private async Task<int> CountLeadsAsync(string? status)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM leads l JOIN studios s ON s.id = l.studio_id WHERE s.slug = $1 AND ($2::text IS NULL OR l.status = $2)", conn)
        {
            Parameters = { new() { Value = Studio }, new() { Value = (object?)status ?? DBNull.Value, DataTypeName = "text" } },
        };
        return (int)(long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<string> MostCommonStatusAsync()
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT l.status FROM leads l JOIN studios s ON s.id = l.studio_id WHERE s.slug = $1 GROUP BY l.status ORDER BY count(*) DESC, l.status LIMIT 1", conn)
        {
            Parameters = { new() { Value = Studio } },
        };
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
