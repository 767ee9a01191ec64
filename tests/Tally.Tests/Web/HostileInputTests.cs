using System.Net;

namespace Tally.Tests.Web;

/// <summary>
/// Every string of the Big List of Naughty Strings, sent where a person or a program can put text:
/// each gets a valid answer or a clear 4xx, never a server error.
/// </summary>
public sealed class HostileInputTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public Task LeadsApi_NaughtyStatus_NeverServerError() =>
        AssertNoServerErrorAsync(s => $"/api/v1/studios/aurora-studio/leads?status={Uri.EscapeDataString(s)}", api: true);

    [Fact]
    public Task LeadsApi_NaughtySlug_NeverServerError() =>
        AssertNoServerErrorAsync(s => $"/api/v1/studios/{Uri.EscapeDataString(s)}/leads", api: true);

    [Fact]
    public Task LeadsApi_NaughtyPage_NeverServerError() =>
        AssertNoServerErrorAsync(s => $"/api/v1/studios/aurora-studio/leads?after={Uri.EscapeDataString(s)}&limit={Uri.EscapeDataString(s)}&sort={Uri.EscapeDataString(s)}", api: true);

    [Fact]
    public Task LeadsPage_NaughtyStatus_NeverServerError() =>
        AssertNoServerErrorAsync(s => $"/leads?status={Uri.EscapeDataString(s)}", api: false);

    [Fact]
    public Task LeadsPage_NaughtyStudio_NeverServerError() =>
        AssertNoServerErrorAsync(s => $"/leads?studio={Uri.EscapeDataString(s)}", api: false);

    [Fact]
    public Task LeadsPage_NaughtyPage_NeverServerError() =>
        AssertNoServerErrorAsync(s => $"/leads?after={Uri.EscapeDataString(s)}&from={Uri.EscapeDataString(s)}&assignedTo={Uri.EscapeDataString(s)}", api: false);

    private async Task AssertNoServerErrorAsync(Func<string, string> url, bool api)
    {
        var client = await app.CreateSignedInClientAsync();
        var failures = new List<string>();
        var answered = 0;
        foreach (var naughty in Blns.All)
        {
            var target = url(naughty);
            using var response = await client.GetAsync(target);
            answered++;
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status >= 500)
            {
                failures.Add($"{status} for {target}: {await response.Content.ReadAsStringAsync()}");
            }
            else if (api && status >= 400 && mediaType != "application/problem+json")
            {
                failures.Add($"{status} without problem details ({mediaType}) for {target}");
            }
            else if (!api && status != (int)HttpStatusCode.OK && status != (int)HttpStatusCode.BadRequest && status != (int)HttpStatusCode.NotFound)
            {
                failures.Add($"unexpected {status} for {target}");
            }
        }

        Assert.Equal(Blns.All.Count, answered);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }
}
