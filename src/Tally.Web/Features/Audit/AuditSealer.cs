using Dapper;
using Npgsql;

namespace Tally.Web.Features.Audit;

/// <summary>
/// Seals new audit rows into each studio's hash chain every few seconds (decision 0009), keeps the
/// monthly partitions of audit_log a few months ahead, and verifies every chain once a day. Every
/// app instance runs it; a transaction-level advisory lock lets one instance do a round at a time.
/// The work is in SECURITY DEFINER functions, so no request identity is needed.
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
                if (await RunOnceAsync(dataSource, maintain, stoppingToken) is { } result)
                {
                    if (maintain)
                    {
                        nextMaintenance = DateTimeOffset.UtcNow + MaintenanceEvery;
                    }
                    if (result.BrokenChains > 0)
                    {
                        LogBroken(logger, result.BrokenChains);
                    }
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // Unsealed rows wait for the next round; nothing is lost.
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>What a round did, or null when another instance holds the lock.</summary>
    public static async Task<SealRound?> RunOnceAsync(NpgsqlDataSource dataSource, bool maintain, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_xact_lock(@key)", new { key = LockKey }, tx, cancellationToken: ct)))
        {
            return null;
        }
        var sealedRows = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT audit.seal_pending()", transaction: tx, cancellationToken: ct));
        long broken = 0;
        if (maintain)
        {
            await conn.ExecuteAsync(new CommandDefinition("SELECT audit.ensure_partitions(@months)", new { months = MonthsAhead }, tx, cancellationToken: ct));
            broken = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT audit.verify_all()", transaction: tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return new SealRound(sealedRows, broken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit chain verification found {Studios} broken studio chain(s); see audit.chain_heads.verified_problem")]
    private static partial void LogBroken(ILogger logger, long studios);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit sealing failed; retrying next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

internal sealed record SealRound(long SealedRows, long BrokenChains);
