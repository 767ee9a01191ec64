using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tally.Data.Seeding;
using Tally.Tests.Infrastructure;
using Tally.Web.Infrastructure.Mail;

namespace Tally.Tests.Web;

/// <summary>
/// The web app over a fresh database of its own, seeded with the demo studios as the owner role; the
/// app connects as the application role, as it does in production. Mail goes to the app's local SMTP
/// server and is read from <see cref="SentMail"/>. Use as a class fixture.
/// </summary>
public class TallyWebFactory : WebApplicationFactory<Tally.Web.Program>, IAsyncLifetime
{
    private readonly SemaphoreSlim _signInGate = new(1, 1);
    private readonly Dictionary<string, CookieCollection> _sessions = new(StringComparer.OrdinalIgnoreCase);

    public DatabaseFixture Database { get; } = new();

    /// <summary>Where the app's local SMTP server saves the mail it is sent.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "tally-test-mail-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The mail the app sent.</summary>
    public LocalMailbox SentMail => Services.GetRequiredService<LocalMailbox>();

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await DemoSeeder.SeedSmallAsync(Database.OwnerConnectionString, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:LocalMailDirectory"] = MailDirectory,
            ["Smtp:Host"] = null,
        };
        AddSettings(settings);
        builder.UseTallyTestSettings(Database.AppConnectionString)
            .ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
    }

    /// <summary>Configuration of the app under test, such as Tally:SignIn limits.</summary>
    protected virtual void AddSettings(IDictionary<string, string?> settings)
    {
    }

    /// <summary>
    /// A client signed in as <paramref name="email"/> (a demo team member, demo password). The form
    /// is posted once per address and app, and the session cookie shared: the sign-in forms are
    /// rate limited per IP address, and the tests that read pages are many.
    /// </summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string email = TestSignIn.AuroraOwner)
    {
        await _signInGate.WaitAsync();
        try
        {
            if (!_sessions.TryGetValue(email, out var session))
            {
                var cookies = new CookieContainer();
                (await TestSignIn.SignInAsync(this, email, DemoSeeder.Password, cookies)).Dispose();
                session = cookies.GetAllCookies();
                _sessions[email] = session;
            }
            var container = new CookieContainer();
            container.Add(session);
            return TestSignIn.CreateClient(this, container);
        }
        finally
        {
            _signInGate.Release();
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        _signInGate.Dispose();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
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
                // The hourly stale-lead job would flag the demo leads while tests count their changes.
                ["Tally:Workflow:StaleLeadsJob"] = "false",
            }));
}
