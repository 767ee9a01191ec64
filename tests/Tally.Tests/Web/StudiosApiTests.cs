using Tally.Web.Features.Studios;

namespace Tally.Tests.Web;

public sealed class StudiosApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task ListStudios_DemoData_ReturnsBothDemoStudiosBySlug()
    {
        var studios = await WebAssert.OkJsonAsync<List<Studio>>(await app.CreateClient().GetAsync("/api/v1/studios"));

        Assert.Equal(["aurora-studio", "north-light"], studios.Select(s => s.Slug));
        Assert.All(studios, s => Assert.False(string.IsNullOrWhiteSpace(s.Name)));
        Assert.All(studios, s => Assert.NotEqual(Guid.Empty, s.Id));
    }
}
