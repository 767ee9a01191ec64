using Tally.Web.Components;
using Tally.Web.Features.Analytics;
using Tally.Web.Features.ApiTokens;
using Tally.Web.Features.Audit;
using Tally.Web.Features.Clients;
using Tally.Web.Features.Documents;
using Tally.Web.Features.Health;
using Tally.Web.Features.Identity;
using Tally.Web.Features.Import;
using Tally.Web.Features.Inquiry;
using Tally.Web.Features.Leads;
using Tally.Web.Features.Portal;
using Tally.Web.Features.Search;
using Tally.Web.Features.Sessions;
using Tally.Web.Features.Studios;
using Tally.Web.Features.Timelines;
using Tally.Web.Features.Workflow;
using Tally.Web.Infrastructure;
using Tally.Web.Infrastructure.Identity;
using Tally.Web.Infrastructure.Mail;

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
        builder.Services.AddTallyIdentity(builder.Configuration);
        builder.Services.AddTallyMail(builder.Configuration);
        builder.Services.AddTallyProblemDetails();
        builder.Services.AddTallyHealthChecks();
        builder.Services.AddTallyApiDocs();
        builder.Services.AddRazorComponents();
        builder.Services.AddTallySearch();
        builder.Services.AddTallyPortal();
        builder.Services.AddTallyAudit();
        builder.Services.AddTallyWorkflow();
        builder.Services.AddTallyDocuments(builder.Configuration);
        builder.Services.AddTallyInquiry(builder.Configuration);
        builder.Services.AddTallyImport(builder.Configuration);
        builder.Services.AddTallyAnalytics();

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
        app.UseRateLimiter();
        app.UseRequestTransaction();
        app.UseInquiryBodyLimit();
        app.UseAntiforgery();

        app.MapTallyApiDocs();
        app.MapHealth();

        var api = app.MapGroup("/api/v1").RequireAuthorization(TallyAuthentication.Team);
        api.MapStudios();
        api.MapLeads();
        api.MapSearch();
        api.MapSavedSearches();
        api.MapAudit();
        api.MapWorkflow();
        api.MapTimelines();
        api.MapDocuments();
        api.MapClients();
        api.MapSessions();
        api.MapAnalytics();

        app.MapPortal();
        app.MapApiTokens();
        app.MapSavedSearchForms();
        app.MapPipeline();
        app.MapWorkflowRules();
        app.MapLeadForms();
        app.MapLeadExport();
        app.MapDocumentForms();
        app.MapPortalDocuments();
        app.MapClientExport();
        app.MapImport();
        app.MapSessionStatusForms();

        app.MapTallyIdentity();
        app.MapGet("/", () => TypedResults.Redirect("/dashboard")).ExcludeFromDescription();
        app.MapRazorComponents<App>().AcceptPostOnlyForForms();

        await app.RunAsync();
        return 0;
    }
}
