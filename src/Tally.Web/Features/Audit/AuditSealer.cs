using Dapper;
using Npgsql;
using Tally.Web.Infrastructure;

namespace Tally.Web.Features.Audit;

/// <summary>
/// Seals new audit rows into each studio's hash chain every few seconds (decision 0009) and keeps
/// the monthly partitions of audit_log a few months ahead. Every app instance runs it; a
/// transaction-level advisory lock lets one instance do a round at a time. The work is in SECURITY
/// DEFINER functions, so no request identity is needed. Verifying the chains is AuditVerifier's:
/// inside this round, the minutes it takes at scale held back (and, cancelled, undid) the seals.
/// </summary>
internal sealed partial class AuditSealer(NpgsqlDataSource dataSource, ILogger<AuditSealer> logger) : BackgroundService
{
    /// <summary>The advisory lock key of this job ("audit seal" as a number), unique among Tally's jobs.</summary>
    public const long LockKey = 0xA0D17_5EA1;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private const int MonthsAhead = 3;
    private static readonly TimeSpan MaintenanceEvery = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextMaintenance = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var maintain = DateTimeOffset.UtcNow >= nextMaintenance;
                if (await RunOnceAsync(dataSource, maintain, stoppingToken) is not null && maintain)
                {
                    nextMaintenance = DateTimeOffset.UtcNow + MaintenanceEvery;
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // Unsealed rows wait for the next round; nothing is lost.
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>How many rows a round sealed, or null when another instance holds the lock.</summary>
    public static async Task<long?> RunOnceAsync(NpgsqlDataSource dataSource, bool maintain, CancellationToken ct)
    {
        long sealedRows = 0;
        return await JobRound.TryRunAsync(dataSource, LockKey, async (conn, tx) =>
        {
            // No command timeout: a backlog (after an outage) may take longer than the default 30 s,
            // and a cancelled round would roll back what it sealed and start over.
            sealedRows = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT audit.seal_pending()", transaction: tx, commandTimeout: 0, cancellationToken: ct));
            if (maintain)
            {
                await conn.ExecuteAsync(new CommandDefinition("SELECT audit.ensure_partitions(@months)", new { months = MonthsAhead }, tx, cancellationToken: ct));
            }
        }, ct)
            ? sealedRows
            : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit sealing failed; retrying next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
