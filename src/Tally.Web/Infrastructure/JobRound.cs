using Dapper;
using Npgsql;

namespace Tally.Web.Infrastructure;

/// <summary>
/// One round of a background job that every app instance runs: in one transaction, under a
/// transaction-level advisory lock tried (never waited for), so one instance does a round at a
/// time and the others skip it. The lock ends with the transaction, committed or not.
/// </summary>
internal static class JobRound
{
    /// <summary>Runs <paramref name="round"/> and commits; false, having done nothing, when another instance holds <paramref name="lockKey"/>.</summary>
    public static async Task<bool> TryRunAsync(NpgsqlDataSource dataSource, long lockKey, Func<NpgsqlConnection, NpgsqlTransaction, Task> round, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_xact_lock(@lockKey)", new { lockKey }, tx, cancellationToken: ct)))
        {
            return false;
        }
        await round(conn, tx);
        await tx.CommitAsync(ct);
        return true;
    }
}
