using System.Net;
using Tally.Tests.Web;

namespace Tally.Tests.Identity;

/// <summary>The sign-in forms answer 429 to an address that posts too often, across accounts.</summary>
public sealed class ThrottleTests(ThrottledWebFactory app) : IClassFixture<ThrottledWebFactory>
{
    [Fact]
    public async Task SignIn_ManyWrongPasswordsFromOneAddress_Throttled()
    {
        var client = app.CreateClient();
        var page = await (await client.GetAsync("/signin")).Content.ReadAsStringAsync();
        var statuses = new List<HttpStatusCode>();

        // Different accounts each time: the per-account lockout never fires, the per-IP limit does.
        for (var i = 0; i < 12; i++)
        {
            using var response = await HtmlForms.PostAsync(client, page, "/signin", "signin",
                ("Input.Email", $"guess{i}@aurora-studio.test"), ("Input.Password", "password guess"));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // A browser gets a page saying so, and the right password does not get through either.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(HtmlForms.HiddenFields(page, "signin").Concat([
                new("Input.Email", TestSignIn.AuroraOwner), new("Input.Password", Tally.Data.Seeding.DemoSeeder.Password)])),
        };
        request.Headers.Accept.ParseAdd("text/html");
        using var throttled = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.Contains("Retry-After"));
        var html = await throttled.Content.ReadAsStringAsync();
        Assert.Contains("too many attempts from your network", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Set-Cookie", throttled.Headers.ToString(), StringComparison.OrdinalIgnoreCase);

        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signin")).StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    public void Partition_GroupsIpv6ByItsSlash64(string address, string partition) =>
        Assert.Equal(partition, Tally.Web.Features.Identity.SignInThrottle.Partition(IPAddress.Parse(address)));
}
