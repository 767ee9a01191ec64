using System.Net.Http.Json;
using Tally.Tests.Clients;
using Tally.Web.Features.Sessions;

namespace Tally.Tests.Sessions;

internal static class SessionsApi
{
    public const string Base = "/api/v1/studios/aurora-studio/sessions";

    /// <summary>
    /// A week far from the demo data, one per call (from a counter), so that tests of one class do
    /// not book over each other: 2034 onwards.
    /// </summary>
    private static int _week;

    public static DateTimeOffset FreeSlot() =>
        new DateTimeOffset(2034, 1, 2, 10, 0, 0, TimeSpan.Zero).AddDays(7 * Interlocked.Increment(ref _week));

    public static Dictionary<string, object?> Body(Guid client, DateTimeOffset? start = null, double hours = 2)
    {
        var at = start ?? FreeSlot();
        return Fields(client, at, at.AddHours(hours));
    }

    private static Dictionary<string, object?> Fields(Guid client, DateTimeOffset start, DateTimeOffset end) => new()
    {
        ["clientId"] = client,
        ["sessionType"] = "engagement",
        ["startsAt"] = start,
        ["endsAt"] = end,
        ["locationName"] = "Parc de la Tête d'Or",
        ["address"] = "Place Général Leclerc, 69006 Lyon",
        ["latitude"] = 45.777,
        ["longitude"] = 4.855,
        ["packageName"] = "Engagement · 2 hours",
        ["packagePrice"] = 650.00,
    };

    public static async Task<(Session Session, string ETag)> CreateAsync(HttpClient http, Dictionary<string, object?> body)
    {
        using var response = await http.PostAsJsonAsync(Base, body);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            Assert.Fail($"create session: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return ((await response.Content.ReadFromJsonAsync<Session>())!, response.Headers.ETag!.ToString());
    }

    /// <summary>A new client of aurora-studio, with a session booked at a free slot.</summary>
    public static async Task<(Guid Client, Session Session, string ETag)> BookedAsync(HttpClient http)
    {
        var (client, _) = await ClientsApi.CreateAsync(http);
        var (session, etag) = await CreateAsync(http, Body(client.Id));
        return (client.Id, session, etag);
    }
}
