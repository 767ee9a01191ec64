using Dapper;
using Npgsql;
using Tally.Web.Infrastructure;

namespace Tally.Web.Features.Search;

/// <summary>
/// Deletes expired rows of search_results_cache every few minutes. Every app instance runs this
/// service; a transaction-level advisory lock lets one of them do the work at a time, and the
/// others skip that round. auth.purge_expired_search_cache (SECURITY DEFINER) covers all studios in
/// one statement: expired rows are nobody's to see, so no request identity is needed.
/// </summary>
internal sealed partial class SearchCacheCleanup(NpgsqlDataSource dataSource, ILogger<SearchCacheCleanup> logger) : BackgroundService
{
    /// <summary>The advisory lock key of this job ("search-cache" as a number), unique among Tally's jobs.</summary>
    public const long LockKey = 0x5EA2C4_CAC4E;

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await RunOnceAsync(dataSource, stoppingToken);
                if (deleted is > 0)
                {
                    LogPurged(logger, deleted.Value);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // The next round tries again; the cache only grows a little meanwhile.
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>The rows deleted, or null when another instance holds the lock.</summary>
    public static async Task<long?> RunOnceAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        long deleted = 0;
        return await JobRound.TryRunAsync(dataSource, LockKey, async (conn, tx) =>
            deleted = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT auth.purge_expired_search_cache()", transaction: tx, cancellationToken: ct)), ct)
            ? deleted
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Rows} expired search cache rows")]
    private static partial void LogPurged(ILogger logger, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search cache cleanup failed; retrying next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
