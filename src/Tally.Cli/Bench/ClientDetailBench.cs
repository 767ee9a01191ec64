using Dapper;
using Npgsql;

namespace Tally.Cli.Bench;

/// <summary>
/// The client detail page (/clients/{id}) of the largest studio, for its client with the most
/// sessions: the worst case of the page, which lists the latest sessions and counts them all.
/// Goal: p95 ≤ 10 ms.
/// </summary>
internal static class ClientDetailBench
{
    private static Guid? _client;

    public static Guid Client => _client ?? throw new InvalidOperationException("The client detail bench was not prepared.");

    public static string Path => $"/clients/{Client}";

    /// <summary>Finds the client, once, as the owner role; nothing to undo.</summary>
    public static async Task<IAsyncDisposable?> PrepareAsync(BenchTargets targets, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(targets.OwnerConnectionString);
        await connection.OpenAsync(ct);
        _client = await connection.QuerySingleAsync<Guid>(new CommandDefinition("""
            SELECT s.client_id FROM sessions s JOIN studios st ON st.id = s.studio_id
            WHERE st.slug = @slug
            GROUP BY s.client_id ORDER BY count(*) DESC, s.client_id LIMIT 1
            """, new { slug = targets.Context.LargestStudio }, cancellationToken: ct));
        return null;
    }
}
