using Npgsql;
using Tally.Data.Cluster;

namespace Tally.Cli.Hosting;

/// <summary>
/// Where the CLI's database work goes: the server named by ConnectionStrings__Tally (production:
/// nothing is installed or started), or the private cluster of $TALLY_HOME.
/// </summary>
internal sealed record DatabaseTarget(string OwnerConnectionString, string AppConnectionString, LocalCluster? Cluster)
{
    public static string? ExternalAppConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Tally") is { Length: > 0 } cs ? cs : null;

    /// <summary>ConnectionStrings__TallyOwner runs migrations in production; it defaults to ConnectionStrings__Tally.</summary>
    public static string? ExternalOwnerConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__TallyOwner") is { Length: > 0 } cs ? cs : ExternalAppConnectionString;

    public bool IsLocal => Cluster is not null;

    public static async Task<DatabaseTarget> ResolveAsync(TallyHome home, CancellationToken ct)
    {
        if (ExternalAppConnectionString is { } app)
        {
            await EnsureReachableAsync(ExternalOwnerConnectionString!, ct);
            return new DatabaseTarget(ExternalOwnerConnectionString!, app, null);
        }
        var cluster = new LocalCluster(home, Say.Line);
        await cluster.EnsureRunningAsync(ct);
        return new DatabaseTarget(cluster.OwnerConnectionString(), cluster.AppConnectionString(), cluster);
    }

    private static async Task EnsureReachableAsync(string connectionString, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 };
        }
        catch (ArgumentException ex)
        {
            throw new UserFacingException($"ConnectionStrings__Tally is malformed ({ex.Message}): use e.g. Host=db;Database=tally;Username=tally_app;Password=…");
        }
        try
        {
            await using var conn = new NpgsqlConnection(builder.ConnectionString);
            await conn.OpenAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new UserFacingException($"the database at {builder.Host}:{builder.Port} is unreachable ({ex.Message}): check ConnectionStrings__Tally, or unset it to use the local cluster.");
        }
    }
}
