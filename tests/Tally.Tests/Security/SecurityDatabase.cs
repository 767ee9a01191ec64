using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Security;

/// <summary>
/// A migrated database holding two studios of <see cref="StudioRows"/>, A and B, written by the
/// owner. Tests then act as the application role with the claims of a <see cref="SqlIdentity"/>.
/// </summary>
public sealed class SecurityDatabase : DatabaseFixture
{
    internal StudioRows A { get; } = new("studio-a");

    internal StudioRows B { get; } = new("studio-b");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var owner = await OpenOwnerAsync();
        await A.WriteAsync(owner);
        await B.WriteAsync(owner);
    }

    /// <summary>
    /// Runs <paramref name="work"/> as tally_app in a transaction whose claims are
    /// <paramref name="claims"/> (none at all when null), then rolls the transaction back.
    /// </summary>
    public async Task<T> AsAppAsync<T>(string? claims, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work)
    {
        await using var connection = new NpgsqlConnection(AppConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (claims is not null)
        {
            await connection.ExecuteAsync("SELECT set_config('request.jwt.claims', @claims, true)", new { claims }, transaction);
        }
        try
        {
            return await work(connection, transaction);
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }

    /// <summary>The claims JSON of the named identity (see <see cref="SqlIdentity.All"/>).</summary>
    internal string Claims(string identity) => SqlIdentity.Named(identity).Claims(A, B);
}
