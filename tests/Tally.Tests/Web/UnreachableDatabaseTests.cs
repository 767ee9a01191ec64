using System.Net;
using System.Text.Json;
using Tally.Web.Features.Identity;

namespace Tally.Tests.Web;

public sealed class UnreachableDatabaseTests(UnreachableDatabaseWebFactory app) : IClassFixture<UnreachableDatabaseWebFactory>
{
    [Fact]
    public async Task Live_DatabaseUnreachable_Returns200()
    {
        var response = await app.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_DatabaseUnreachable_Returns503Unhealthy()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Unhealthy", json.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Assert.Single(json.GetProperty("checks").EnumerateArray()).GetProperty("status").GetString());
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListStudios_DatabaseUnreachable_Returns503ProblemWithoutInternals()
    {
        var response = await SignedInClient().GetAsync("/api/v1/studios");

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        var text = problem.GetRawText();
        Assert.DoesNotContain("Npgsql", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadsPage_DatabaseUnreachable_ShowsErrorPageWithRequestId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/leads");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await SignedInClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Tally is unavailable", html, StringComparison.Ordinal);
        Assert.Contains(WebAssert.RequestId(response), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", html, StringComparison.OrdinalIgnoreCase);
    }

    // Signing in needs the database; a cookie the app issued earlier does not, until it is checked.
    private HttpClient SignedInClient() => TestSignIn.CreateClientWithCookie(app, TestSignIn.IssueCookie(app,
        new TeamMember(Guid.CreateVersion7(), Guid.CreateVersion7(), TestSignIn.AuroraOwner, "Owner", "owner", true, true, true, Guid.NewGuid())));
}
