using System.Net.Http.Json;
using Tally.Tests.Web;

namespace Tally.Tests.Leads;

/// <summary>Every naughty string in every text field of create, patch and interactions: 2xx or a clear 4xx, never 5xx.</summary>
public sealed class LeadHostileInputTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task CreateAndPatch_NaughtyStrings_NeverServerError()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        var failures = new List<string>();
        foreach (var naughty in Blns.All)
        {
            var create = await client.PostAsJsonAsync(LeadsApi.Base, new
            {
                firstName = naughty,
                lastName = naughty,
                partnerName = naughty,
                email = naughty,
                phone = naughty,
                venue = naughty,
                message = naughty,
                currency = naughty,
                source = naughty,
                eventType = naughty,
            });
            await Check(create, "create");
            var safeCreate = await client.PostAsJsonAsync(LeadsApi.Base, new { firstName = naughty, lastName = naughty, venue = naughty, message = naughty, phone = "+1 555 0100" });
            await Check(safeCreate, "create with a phone");
            var patch = await client.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { firstName = naughty, message = naughty }, etag));
            await Check(patch, "patch");
            if (patch.IsSuccessStatusCode)
            {
                etag = patch.Headers.ETag!.ToString();
            }
            await Check(await client.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/interactions", new { kind = "note", summary = naughty, body = naughty }), "interaction");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));

        async Task Check(HttpResponseMessage response, string what)
        {
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else if (!response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{what}: {(int)response.StatusCode} without problem details");
            }
        }
    }

    [Fact]
    public async Task NaughtyNames_OnThePages_AreRenderedAsText()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, new { firstName = "<script>alert(1)</script>", email = "xss@example.com", message = "<img src=x onerror=alert(1)>" });

        var detail = await client.GetStringAsync($"/leads/{lead.Id}");
        var edit = await client.GetStringAsync($"/leads/{lead.Id}/edit");

        foreach (var html in new[] { detail, edit })
        {
            Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        }
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", detail, StringComparison.Ordinal);
    }
}
