using Dapper;
using Npgsql;
using Tally.Web.Infrastructure;

namespace Tally.Web.Features.Workflow;

/// <summary>
/// The stale_lead automation (docs/workflow.md): once an hour, flags the open leads of every studio
/// that saw no activity for the studio's number of days. Every app instance runs it; a
/// transaction-level advisory lock lets one instance do a round at a time, and the flagging skips
/// leads already flagged, so a retried round flags nothing twice. Tally:Workflow:StaleLeadsJob =
/// false turns it off (the tests do, to keep their data still).
/// </summary>
internal sealed partial class StaleLeadsJob(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<StaleLeadsJob> logger) : BackgroundService
{
    /// <summary>The advisory lock key of this job, unique among Tally's jobs.</summary>
    public const long LockKey = 0x57A1E_1EAD;

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Read here, not at registration: the final configuration (tests' settings included) is built by now.
        if (!configuration.GetValue("Tally:Workflow:StaleLeadsJob", true))
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                if (await RunOnceAsync(dataSource, stoppingToken) is { } flagged && flagged > 0)
                {
                    LogFlagged(logger, flagged);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>How many leads a round flagged, or null when another instance holds the lock.</summary>
    public static async Task<long?> RunOnceAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        long flagged = 0;
        return await JobRound.TryRunAsync(dataSource, LockKey, async (conn, tx) =>
            flagged = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT workflow.flag_stale_leads_all()", transaction: tx, cancellationToken: ct)), ct)
            ? flagged
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Flagged {Leads} stale lead(s)")]
    private static partial void LogFlagged(ILogger logger, long leads);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flagging stale leads failed; retrying next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

internal static class WorkflowSetup
{
    public static IServiceCollection AddTallyWorkflow(this IServiceCollection services) => services.AddHostedService<StaleLeadsJob>();
}
