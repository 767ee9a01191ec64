using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tally.Tests.Web;

internal static class WebAssert
{
    /// <summary>Asserts a ProblemDetails answer with this status whose requestId is the X-Request-Id header; returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(RequestId(response), problem.GetProperty("requestId").GetString());
        return problem;
    }

    public static string RequestId(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("X-Request-Id", out var values), "no X-Request-Id header");
        var id = Assert.Single(values);
        Assert.False(string.IsNullOrWhiteSpace(id));
        return id;
    }

    public static async Task<T> OkJsonAsync<T>(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
