using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Tally.Data.Seeding;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Web;

/// <summary>
/// The web app over a fresh database of its own, seeded with the demo studios as the owner role; the
/// app connects as the application role, as it does in production. Use as a class fixture.
/// </summary>
public class TallyWebFactory : WebApplicationFactory<Tally.Web.Program>, IAsyncLifetime
{
    public DatabaseFixture Database { get; } = new();

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await DemoSeeder.SeedSmallAsync(Database.OwnerConnectionString, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseTallyTestSettings(Database.AppConnectionString);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The web app pointed at a database that cannot be reached.</summary>
public sealed class UnreachableDatabaseWebFactory : WebApplicationFactory<Tally.Web.Program>
{
    // Nothing listens on port 1 of the loopback, so every connection is refused at once.
    public const string ConnectionString = "Host=127.0.0.1;Port=1;Database=tally;Username=tally_app;Password=unused;Timeout=3";

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseTallyTestSettings(ConnectionString);
}

internal static class TallyWebHostTestSettings
{
    /// <summary>
    /// Production settings (no developer exception page), with the connection string added last so
    /// that it wins over a ConnectionStrings__Tally in the environment of the test run.
    /// </summary>
    public static IWebHostBuilder UseTallyTestSettings(this IWebHostBuilder builder, string connectionString) =>
        builder
            .UseEnvironment("Production")
            .ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Tally"] = connectionString,
            }));
}
