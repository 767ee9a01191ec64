using Npgsql;

namespace Tally.Tests.Infrastructure;

/// <summary>A fresh migrated database for one test class; dropped when the class is done.</summary>
public class DatabaseFixture : IAsyncLifetime
{
    private Data.Cluster.LocalCluster? _cluster;

    public string DatabaseName { get; private set; } = "";

    /// <summary>As the owner role: for arranging data the way migrations and seeds do.</summary>
    public string OwnerConnectionString { get; private set; } = "";

    /// <summary>As the application role, the way the web app connects.</summary>
    public string AppConnectionString { get; private set; } = "";

    /// <summary>As the cluster's superuser, for reading the catalog without restriction.</summary>
    public string SuperuserConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        (_cluster, DatabaseName) = await TestCluster.CreateDatabaseAsync();
        OwnerConnectionString = _cluster.OwnerConnectionString(DatabaseName);
        AppConnectionString = _cluster.AppConnectionString(DatabaseName);
        SuperuserConnectionString = _cluster.SuperuserConnectionString(DatabaseName);
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DropDatabaseAsync(DatabaseName);
        }
    }

    public async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var conn = new NpgsqlConnection(OwnerConnectionString);
        await conn.OpenAsync();
        return conn;
    }
}
