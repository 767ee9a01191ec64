using Npgsql;

namespace Tally.Web.Infrastructure;

internal static class Database
{
    public const string ConnectionStringName = "Tally";

    /// <summary>
    /// Registers one <see cref="NpgsqlDataSource"/> (the connection pool) built from
    /// ConnectionStrings:Tally. It is read when first resolved, not here, so that hosts that add
    /// configuration late (WebApplicationFactory) are seen.
    /// </summary>
    public static IServiceCollection AddTallyDatabase(this IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            if (ConfigurationProblem(configuration) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }
            var builder = new NpgsqlDataSourceBuilder(configuration.GetConnectionString(ConnectionStringName));
            // Names the app in pg_stat_activity and in the server log.
            builder.ConnectionStringBuilder.ApplicationName ??= "tally-web";
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });

    /// <summary>Null when the connection string is usable; otherwise one sentence saying what is wrong.</summary>
    public static string? ConfigurationProblem(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"ConnectionStrings:{ConnectionStringName} is not set (environment variable ConnectionStrings__{ConnectionStringName}); Tally.Web cannot start without its database.";
        }
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException e)
        {
            // The message names the bad keyword, never a value, so no password reaches the log.
            return $"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string: {e.Message}";
        }
    }
}
