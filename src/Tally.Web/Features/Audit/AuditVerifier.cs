using Dapper;
using Npgsql;
using Tally.Web.Infrastructure;

namespace Tally.Web.Features.Audit;

/// <summary>
/// Verifies each studio's audit chain once a day (decision 0009): one studio per short transaction
/// (audit.verify_next), the one verified longest ago first, a second apart while any is due, then
/// a minute's rest. The time of each studio's last verification is on its chain head, so a restart
/// resumes the day's round instead of starting it over. Every app instance runs it; an advisory
/// lock lets one verify at a time. A broken chain is logged as an error and recorded on the head
/// (audit.chain_heads.verified_problem, shown on /audit).
/// </summary>
internal sealed partial class AuditVerifier(NpgsqlDataSource dataSource, ILogger<AuditVerifier> logger) : BackgroundService
{
    /// <summary>The advisory lock key of this job, next to the sealer's.</summary>
    public const long LockKey = AuditSealer.LockKey + 1;

    /// <summary>How old a studio's last verification may be.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    private static readonly TimeSpan WhileDue = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WhenNoneDue = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = WhenNoneDue;
            try
            {
                if (await VerifyNextAsync(dataSource, Every, stoppingToken) is { } check)
                {
                    pause = WhileDue;
                    if (!check.Ok)
                    {
                        LogBroken(logger, check.StudioId);
                    }
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
            await Task.Delay(pause, stoppingToken);
        }
    }

    /// <summary>The studio verified, and whether its chain holds; null when none was due or another instance is verifying.</summary>
    public static async Task<ChainCheck?> VerifyNextAsync(NpgsqlDataSource dataSource, TimeSpan olderThan, CancellationToken ct)
    {
        ChainCheck? check = null;
        // No command timeout: the largest chain of the large scale (2M rows) takes about 40 s.
        await JobRound.TryRunAsync(dataSource, LockKey, async (conn, tx) =>
            check = await conn.QuerySingleOrDefaultAsync<ChainCheck>(new CommandDefinition(
                "SELECT studio_id AS studioid, ok FROM audit.verify_next(@olderThan)", new { olderThan }, tx, commandTimeout: 0, cancellationToken: ct)), ct);
        return check;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit chain verification found studio {StudioId}'s chain broken; see audit.chain_heads.verified_problem")]
    private static partial void LogBroken(ILogger logger, Guid studioId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit chain verification failed; retrying in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

internal sealed record ChainCheck(Guid StudioId, bool Ok);
