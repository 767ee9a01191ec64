using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Tally.Cli.Bench;

/// <summary>
/// The positions the leads scenarios page to (docs/leads.md): the list pages by a keyset cursor,
/// so a page deep in the list is reached by following `next` from the first page, as a person
/// clicking "Next" does. That walk is the scenario's preparation, not its measurement.
/// </summary>
internal sealed class LeadsBench(BenchTargets targets)
{
    /// <summary>The filter of the filtered scenarios: one source, about an eighth of the leads.</summary>
    public const string Filter = "source=instagram";

    public const int DeepPage = 50;

    private readonly ConcurrentDictionary<string, IReadOnlyList<string?>> _cursors = new(StringComparer.Ordinal);
    private IReadOnlyList<(DateTime CreatedAt, Guid Id)>? _anchors;

    /// <summary>The cursor of page <paramref name="page"/> (1-based; page 1 has none) of the list with <paramref name="query"/>.</summary>
    public string? Cursor(string query, int page) =>
        _cursors.TryGetValue(query, out var cursors) ? cursors[Math.Min(page, cursors.Count) - 1]
            : throw new InvalidOperationException($"The cursors of '{query}' were not prepared.");

    /// <summary>The API path of page <paramref name="page"/> of the largest studio's list with <paramref name="query"/>.</summary>
    public string ApiPath(string query, int page) => Path($"/api/v1/studios/{targets.Context.LargestStudio}/leads", query, page);

    /// <summary>The admin page's path of page <paramref name="page"/> of the list with <paramref name="query"/>.</summary>
    public string PagePath(string query, int page) => Path("/leads", query, page);

    /// <summary>Follows `next` from the first page to page <paramref name="pages"/>, through the API as the largest studio's owner.</summary>
    public async Task<IAsyncDisposable?> PrepareAsync(string query, int pages, CancellationToken ct)
    {
        if (_cursors.ContainsKey(query))
        {
            return null;
        }
        var cursors = new List<string?> { null };
        while (cursors.Count < pages)
        {
            var path = $"/api/v1/studios/{targets.Context.LargestStudio}/leads?limit=50"
                + (query.Length > 0 ? "&" + query : "") + (cursors[^1] is { } after ? "&after=" + Uri.EscapeDataString(after) : "");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", targets.Token(BenchStudio.Largest));
            using var response = await targets.App!.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (page.RootElement.GetProperty("next").GetString() is not { } next)
            {
                break;
            }
            cursors.Add(next);
        }
        _cursors[query] = cursors;
        return null;
    }

    /// <summary>
    /// Where pages 1 to 5 of the unfiltered list start, for the scenarios that send the endpoint's
    /// SQL directly: (created_at, id) of the last lead of the page before. Read once, as the owner.
    /// </summary>
    public async Task<IAsyncDisposable?> PrepareAnchorsAsync(NpgsqlDataSource owner, Guid studioId, CancellationToken ct)
    {
        if (_anchors is not null)
        {
            return null;
        }
        await using var connection = await owner.OpenConnectionAsync(ct);
        var anchors = new List<(DateTime, Guid)>();
        for (var page = 1; page < 5; page++)
        {
            anchors.Add(await connection.QuerySingleAsync<(DateTime, Guid)>(new CommandDefinition("""
                SELECT created_at, id FROM leads WHERE studio_id = @studioId AND archived_at IS NULL
                ORDER BY created_at DESC, id DESC OFFSET @offset LIMIT 1
                """, new { studioId, offset = page * 50 - 1 }, cancellationToken: ct)));
        }
        _anchors = anchors;
        return null;
    }

    /// <summary>The (created_at, id) after which page <paramref name="page"/> starts; null for page 1.</summary>
    public (DateTime CreatedAt, Guid Id)? Anchor(int page) =>
        page <= 1 ? null : (_anchors ?? throw new InvalidOperationException("The anchors were not prepared."))[page - 2];

    private string Path(string path, string query, int page)
    {
        var after = Cursor(query, page);
        return $"{path}?limit=50" + (query.Length > 0 ? "&" + query : "") + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
    }
}
