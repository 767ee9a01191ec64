using System.Net;
using System.Net.Http.Json;
using Tally.Tests.Sessions;
using Tally.Tests.Web;

namespace Tally.Tests.Clients;

/// <summary>
/// Every string of the Big List of Naughty Strings where clients and sessions take text: the
/// searches, the filters, the week, and the fields of a new client and session. Each gets a valid
/// answer or a clear 4xx (problem details from the API), never a server error.
/// </summary>
public sealed class ClientsHostileInputTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public Task ClientsApi_NaughtySearch_NeverServerError() =>
        GetEachAsync(s => $"{ClientsApi.Base}?q={Uri.EscapeDataString(s)}", api: true);

    [Fact]
    public Task ClientsPageAndExport_NaughtySearch_NeverServerError() =>
        GetEachAsync(s => (s.Length % 2 == 0 ? "/clients?q=" : "/clients/export.csv?q=") + Uri.EscapeDataString(s), api: false);

    [Fact]
    public Task SessionsApi_NaughtyFilters_NeverServerError() =>
        GetEachAsync(s => $"{SessionsApi.Base}?status={Uri.EscapeDataString(s)}&from={Uri.EscapeDataString(s)}&after={Uri.EscapeDataString(s)}", api: true);

    [Fact]
    public Task SessionsPages_NaughtyWeekAndFilters_NeverServerError() =>
        GetEachAsync(s => (s.Length % 2 == 0 ? "/sessions/agenda?week=" : "/sessions?to=") + Uri.EscapeDataString(s), api: false);

    [Fact]
    public async Task CreateClientAndSession_NaughtyText_StoredOrRefusedNeverServerError()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        var failures = new List<string>();
        var stored = 0;
        foreach (var (naughty, i) in Blns.All.Select((s, i) => (s, i)))
        {
            var body = ClientsApi.Body();
            body["firstName"] = naughty;
            body["notes"] = naughty;
            body["city"] = naughty;
            using var created = await http.PostAsJsonAsync(ClientsApi.Base, body);
            var session = SessionsApi.Body(client.Id, new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(3 * i), hours: 1);
            session["title"] = naughty;
            session["locationName"] = naughty;
            session["currency"] = naughty.Length == 3 ? naughty : null;
            using var booked = await http.PostAsJsonAsync(SessionsApi.Base, session);
            foreach (var (what, response) in new[] { ("client", created), ("session", booked) })
            {
                var status = (int)response.StatusCode;
                if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                {
                    failures.Add($"{what} {status} for {naughty}: {await response.Content.ReadAsStringAsync()}");
                }
                stored += response.StatusCode == HttpStatusCode.Created ? 1 : 0;
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
        // Most of the list is text a person may well type: it is stored (and shown encoded), not refused.
        Assert.True(stored > Blns.All.Count, $"only {stored} of {2 * Blns.All.Count} were stored");
    }

    private async Task GetEachAsync(Func<string, string> url, bool api)
    {
        var http = await app.CreateSignedInClientAsync();
        var failures = new List<string>();
        foreach (var naughty in Blns.All)
        {
            var target = url(naughty);
            using var response = await http.GetAsync(target);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                failures.Add($"{status} for {target}: {await response.Content.ReadAsStringAsync()}");
            }
            else if (api && status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{status} without problem details for {target}");
            }
            else if (!api && status is not (200 or 400 or 404))
            {
                failures.Add($"unexpected {status} for {target}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }
}
