using Dapper;
using Npgsql;

namespace Tally.Web.Features.Analytics;

/// <summary>
/// The two rounds that keep the rollups current (docs/analytics.md, decision 0014): every few
/// seconds, apply the changes the triggers queued (analytics.apply_changes); every
/// Tally:Analytics:NightlyIntervalHours (24), recompute every studio's closed days and the client
/// statuses time moved (analytics.nightly_all, idempotent). Every app instance runs them; the
/// database lets one drainer work at a time. Tally:Analytics:Jobs = false turns both off.
/// </summary>
internal sealed partial class AnalyticsJobs(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<AnalyticsJobs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Tally:Analytics:Jobs", true))
        {
            return;
        }
        var apply = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Tally:Analytics:ApplyIntervalSeconds", 2.0), 0.1, 3600));
        var nightly = TimeSpan.FromHours(Math.Clamp(configuration.GetValue("Tally:Analytics:NightlyIntervalHours", 24.0), 0.01, 24 * 7));
        var lookback = Math.Clamp(configuration.GetValue("Tally:Analytics:NightlyLookbackDays", 7), 1, 366);
        var nextNightly = DateTime.UtcNow + nightly;
        using var timer = new PeriodicTimer(apply);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ApplyChangesAsync(dataSource, stoppingToken);
                if (DateTime.UtcNow >= nextNightly)
                {
                    nextNightly = DateTime.UtcNow + nightly;
                    var studios = await NightlyAsync(dataSource, lookback, stoppingToken);
                    LogNightly(logger, studios);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>Applies queued changes until the queue is empty; returns how many were applied.</summary>
    public static async Task<long> ApplyChangesAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        long total = 0;
        while (true)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var taken = await conn.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT analytics.apply_changes(5000)", transaction: tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            if (taken is not > 0)
            {
                return total;
            }
            total += taken.Value;
        }
    }

    /// <summary>The nightly round for every studio; returns how many studios it went through.</summary>
    public static async Task<int> NightlyAsync(NpgsqlDataSource dataSource, int lookback, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT analytics.nightly_all(@lookback)", new { lookback }, commandTimeout: 0, cancellationToken: ct));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly analytics round done for {Studios} studio(s)")]
    private static partial void LogNightly(ILogger logger, int studios);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying analytics changes failed; retrying next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

internal static class AnalyticsSetup
{
    public static IServiceCollection AddTallyAnalytics(this IServiceCollection services) => services.AddHostedService<AnalyticsJobs>();
}
