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
            var connectionString = configuration.GetConnectionString(ConnectionStringName)!;
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            // Names the app in pg_stat_activity and in the server log.
            builder.ConnectionStringBuilder.ApplicationName ??= "tally-web";
            PrepareRepeatedStatements(builder.ConnectionStringBuilder, connectionString);
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });

    /// <summary>
    /// Statements run a second time on a connection are prepared, unless the connection string
    /// sets Max Auto Prepare itself (0 turns it off, as a transaction-mode pooler needs; ADR 0019). Under row-level security, parsing and rewriting a query (every policy of
    /// every table it reads is expanded into it) costs more than running it: measured with pgbench
    /// on the large scale, the dashboard's overdue-steps query takes 1.40 ms as a simple query and
    /// 0.19 ms prepared. Plans stay custom (planned for each execution's values): one studio holds
    /// 200,000 leads and another 600, and a generic plan chosen for one would be wrong for the
    /// other; planning is the cheap part (0.16 ms with custom plans).
    /// </summary>
    internal static void PrepareRepeatedStatements(NpgsqlConnectionStringBuilder settings, string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 200;
            settings.AutoPrepareMinUsages = 2;
        }
        if (settings.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
        {
            settings.Options = string.Join(' ', new[] { settings.Options, "-c plan_cache_mode=force_custom_plan" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        }
    }

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
