using Tally.Web.Features.Studios;

namespace Tally.Tests.Web;

public sealed class StudiosApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task ListStudios_SignedInOwner_ReturnsOwnStudioOnly()
    {
        var studios = await WebAssert.OkJsonAsync<List<Studio>>(await (await app.CreateSignedInClientAsync()).GetAsync("/api/v1/studios"));

        // Row-level security: a member sees their own studio, never the host's other tenants.
        Assert.Equal(["aurora-studio"], studios.Select(s => s.Slug));
        Assert.All(studios, s => Assert.False(string.IsNullOrWhiteSpace(s.Name)));
        Assert.All(studios, s => Assert.NotEqual(Guid.Empty, s.Id));
    }

    [Fact]
    public async Task ListStudios_Anonymous_Returns401Problem()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/studios");

        await WebAssert.ProblemAsync(response, System.Net.HttpStatusCode.Unauthorized);
    }
}
