using Tally.Web.Components;
using Tally.Web.Features.Health;
using Tally.Web.Features.Leads;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web;

/// <summary>
/// The web host: the admin app's pages and the REST API. A named class rather than top-level
/// statements, so that tests which also see the CLI's Program can say Tally.Web.Program.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddTallyLogging();
        builder.Services.AddTallyDatabase();
        builder.Services.AddTallyRequestDatabase();
        builder.Services.AddTallyAuthentication();
        builder.Services.AddTallyProblemDetails();
        builder.Services.AddTallyHealthChecks();
        builder.Services.AddTallyApiDocs();
        builder.Services.AddRazorComponents();

        var app = builder.Build();

        if (Database.ConfigurationProblem(app.Configuration) is { } databaseProblem)
        {
            app.Logger.LogCritical("{Problem}", databaseProblem);
            // Disposing flushes the console logger's queue; without it the line can be lost.
            await app.DisposeAsync();
            return 2;
        }

        app.UseRequestId();
        app.UseSecurityHeaders();
        app.UseTallyErrorHandling();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestTransaction();
        app.UseAntiforgery();

        app.MapTallyApiDocs();
        app.MapHealth();

        var api = app.MapGroup("/api/v1");
        api.MapStudios();
        api.MapLeads();

        app.MapGet("/", () => TypedResults.Redirect("/leads")).ExcludeFromDescription();
        app.MapRazorComponents<App>().AcceptOnlyGet();

        await app.RunAsync();
        return 0;
    }
}
