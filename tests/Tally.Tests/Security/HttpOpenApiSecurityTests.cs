using System.Net;
using System.Text.Json;
using Tally.Tests.Web;

namespace Tally.Tests.Security;

/// <summary>The OpenAPI document tells integrators how to authenticate, and which operations need it.</summary>
public sealed class HttpOpenApiSecurityTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task OpenApiDocument_DeclaresBearerAndCookieSchemes_AndApiOperationsRequireThem()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Contains("./tally token create", bearer.GetProperty("description").GetString(), StringComparison.Ordinal);
        var cookie = schemes.GetProperty("cookie");
        Assert.Equal("apiKey", cookie.GetProperty("type").GetString());
        Assert.Equal("cookie", cookie.GetProperty("in").GetString());

        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, o =>
        {
            Assert.True(o.Operation.TryGetProperty("security", out var security), $"{o.Method} {o.Path} declares no security");
            var names = security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList();
            Assert.Equal(["bearer", "cookie"], names);
            Assert.True(o.Operation.GetProperty("responses").TryGetProperty("401", out _), $"{o.Method} {o.Path} documents no 401");
        });
    }
}
