using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tally.Web.Infrastructure;

namespace Tally.Tests.Web;

/// <summary>
/// The app's connections (ADR 0019): repeated statements are prepared, and every execution is
/// planned for its own values (no generic plan chosen for one studio's size and used for another's).
/// </summary>
public sealed class DatabaseSettingsTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task AppConnections_PrepareRepeatedStatements_WithCustomPlans()
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await dataSource.OpenConnectionAsync();

        Assert.Equal("force_custom_plan", await conn.ExecuteScalarAsync<string>("SHOW plan_cache_mode"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, await conn.ExecuteScalarAsync<int>("SELECT @i + 0 /* prepared-statement probe */", new { i }));
        }
        var prepared = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%prepared-statement probe%'");
        Assert.Equal(1, prepared);
    }

    [Theory]
    [InlineData("Host=localhost;Database=tally", 200)]
    [InlineData("Host=localhost;Database=tally;Max Auto Prepare=0", 0)]
    [InlineData("Host=localhost;Database=tally;MaxAutoPrepare=10", 10)]
    public void ConnectionStringsOwnSetting_Wins(string connectionString, int expected)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);

        Database.PrepareRepeatedStatements(settings, connectionString);

        Assert.Equal(expected, settings.MaxAutoPrepare);
        Assert.Contains("plan_cache_mode=force_custom_plan", settings.Options, StringComparison.Ordinal);
    }
}
