using System.Net;
using System.Net.Http.Headers;
using Tally.Data.Security;
using Tally.Tests.Web;

namespace Tally.Tests.Security;

/// <summary>A token cannot be checked while the database is down: that is the server's trouble (503), not the caller's (401).</summary>
public sealed class HttpBearerUnreachableDatabaseTests(UnreachableDatabaseWebFactory app) : IClassFixture<UnreachableDatabaseWebFactory>
{
    [Fact]
    public async Task Bearer_DatabaseUnreachable_Returns503Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/studios");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessTokens.Generate());

        using var response = await app.CreateClient().SendAsync(request);

        await WebAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
    }
}
