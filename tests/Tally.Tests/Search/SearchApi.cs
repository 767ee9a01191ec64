using System.Net.Http.Json;
using Tally.Tests.Web;
using Tally.Web.Features.Search;

namespace Tally.Tests.Search;

/// <summary>Calls GET /api/v1/search as a signed-in member.</summary>
internal static class SearchApi
{
    public static async Task<SearchResponse> SearchAsync(HttpClient client, string q, string? types = null, int? limit = null, int? page = null)
    {
        var url = "/api/v1/search?q=" + Uri.EscapeDataString(q)
            + (types is null ? "" : "&types=" + types)
            + (limit is null ? "" : $"&limit={limit}")
            + (page is null ? "" : $"&page={page}");
        return await WebAssert.OkJsonAsync<SearchResponse>(await client.GetAsync(url));
    }

    public static string Text(IReadOnlyList<TextSegment> segments) => string.Concat(segments.Select(s => s.Text));

    public static IReadOnlyList<Guid> Ids(SearchResponse response) => response.Results.Select(r => r.Id).ToList();

    public static Task<HttpResponseMessage> PostJsonAsync<T>(HttpClient client, string url, T body) => client.PostAsJsonAsync(url, body);
}
