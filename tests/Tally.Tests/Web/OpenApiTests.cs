using System.Net;
using System.Text.Json;

namespace Tally.Tests.Web;

public sealed class OpenApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task OpenApiDocument_Get_DescribesLeadsEndpoint()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");
        var listLeads = paths.GetProperty("/api/v1/studios/{slug}/leads").GetProperty("get");
        Assert.Equal("ListLeads", listLeads.GetProperty("operationId").GetString());
        Assert.Equal("Leads", Assert.Single(listLeads.GetProperty("tags").EnumerateArray()).GetString());
        Assert.False(string.IsNullOrWhiteSpace(listLeads.GetProperty("summary").GetString()));
        var parameters = listLeads.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["after", "archived", "assignedTo", "from", "limit", "slug", "sort", "source", "status", "to"], parameters.Order(StringComparer.Ordinal));
        var responses = listLeads.GetProperty("responses");
        Assert.True(responses.TryGetProperty("200", out _));
        Assert.True(responses.TryGetProperty("400", out _));
        Assert.True(responses.TryGetProperty("404", out _));
        Assert.True(paths.TryGetProperty("/api/v1/studios", out _));
    }

    [Fact]
    public async Task ApiReference_Get_Returns200Html()
    {
        var response = await app.CreateClient().GetAsync("/api/reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("scalar", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
