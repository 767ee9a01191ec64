using Npgsql;

namespace Tally.Data.Seeding;

/// <summary>
/// Rebuilds the analytics rollups (analytics.backfill, migration 0015) of every studio, or of one,
/// one studio per transaction, two at a time, reporting progress per studio. Used at the end of the
/// seeds and by ./tally analytics backfill.
/// </summary>
public static class AnalyticsBackfill
{
    public const string Step = "analytics backfill";

    public static async Task<int> RunAsync(string ownerConnectionString, DateOnly from, string? studioSlug, IProgress<SeedProgress>? progress, CancellationToken ct = default)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString) { CommandTimeout = 0 }.ConnectionString;
        var studios = new List<Guid>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT id FROM studios WHERE @slug::text IS NULL OR slug = @slug ORDER BY id", connection);
            command.Parameters.AddWithValue("slug", NpgsqlTypes.NpgsqlDbType.Text, (object?)studioSlug ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                studios.Add(reader.GetGuid(0));
            }
        }
        var done = 0;
        using var gate = new SemaphoreSlim(2);
        await Task.WhenAll(studios.Select(async studio =>
        {
            await gate.WaitAsync(ct);
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT analytics.backfill($1, $2)", connection)
                {
                    Parameters = { new() { Value = studio }, new() { Value = from } },
                };
                await command.ExecuteNonQueryAsync(ct);
                progress?.Report(new SeedProgress(Step, Interlocked.Increment(ref done), studios.Count));
            }
            finally
            {
                gate.Release();
            }
        }));
        if (studioSlug is null)
        {
            // Fresh statistics and visibility map for the dashboard's index-only reads.
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                "VACUUM (ANALYZE) analytics.daily_business_metrics, analytics.lead_source_analytics, analytics.client_lifecycle_metrics", connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        return studios.Count;
    }
}
