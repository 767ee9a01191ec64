using Npgsql;

namespace Tally.Web.Infrastructure.Identity;

/// <summary>
/// The request's database work: one connection and one transaction, opened on first use, whose
/// first statement sets the request's claims (transaction-local). Row-level security reads them,
/// so every query of the request sees exactly what its caller may see.
/// </summary>
/// <remarks>
/// Committed by <see cref="RequestTransaction"/> before the response starts, so a client never
/// reads "saved" for work that did not commit; rolled back if the request throws.
/// </remarks>
public sealed class TallyDb(NpgsqlDataSource dataSource, RequestClaims claims) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    public RequestClaims Claims => claims;

    /// <summary>The open connection, inside the request's transaction with its claims set.</summary>
    public async Task<NpgsqlConnection> ConnectionAsync(CancellationToken ct = default)
    {
        if (_connection is not null)
        {
            return _connection;
        }
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            _transaction = await connection.BeginTransactionAsync(ct);
            await using var set = new NpgsqlCommand("SELECT set_config('request.jwt.claims', $1, true)", connection)
            {
                Parameters = { new() { Value = claims.ToJson() } },
            };
            await set.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        _connection = connection;
        return connection;
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (_transaction is { } tx)
        {
            _transaction = null;
            await tx.CommitAsync(ct);
        }
    }

    public async Task RollbackAsync()
    {
        if (_transaction is { } tx)
        {
            _transaction = null;
            await tx.RollbackAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await RollbackAsync();
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>A unit of background work for one studio under the system identity; the caller commits.</summary>
    public static TallyDb ForSystem(NpgsqlDataSource dataSource, Guid studioId, string job) =>
        new(dataSource, RequestClaims.System(studioId, job));
}
