using System.Net;
using System.Text.Json;
using Tally.Tests.Web;

namespace Tally.Tests.Leads;

/// <summary>The leads API as the OpenAPI document describes it: summaries, schemas, examples, errors.</summary>
public sealed class LeadsOpenApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task OpenApi_LeadOperations_HaveSummariesExamplesAndTheirErrors()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        var one = paths.GetProperty("/api/v1/studios/{slug}/leads/{id}");

        var create = paths.GetProperty("/api/v1/studios/{slug}/leads").GetProperty("post");
        Assert.Equal("Ines", create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("firstName").GetString());
        Assert.True(create.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _));
        foreach (var (op, codes) in new[] { ("put", new[] { "200", "400", "404", "412", "428" }), ("patch", ["200", "400", "404", "412", "428"]), ("get", ["200", "404"]), ("delete", ["204", "404", "412"]) })
        {
            var operation = one.GetProperty(op);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()));
            Assert.All(codes, c => Assert.True(operation.GetProperty("responses").TryGetProperty(c, out _), $"{op} {c}"));
        }
        var convert = paths.GetProperty("/api/v1/studios/{slug}/leads/{id}/convert").GetProperty("post");
        Assert.True(convert.GetProperty("responses").TryGetProperty("409", out _));
        Assert.Equal("wedding", convert.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("session").GetProperty("type").GetString());
        Assert.True(paths.GetProperty("/api/v1/studios/{slug}/leads/{id}/interactions").TryGetProperty("post", out _));
    }
}
