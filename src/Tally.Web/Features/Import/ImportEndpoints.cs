using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tally.Data.Import;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Import;

/// <summary>
/// The form posts of the import pages: upload (saves the file and runs the dry run) and run (starts
/// the import of a checked file). Both answer with a redirect to the page of the upload, which shows
/// the report, the progress or the outcome. Owners and admins only: row-level security lets no one
/// else create leads or clients.
/// </summary>
internal static class ImportEndpoints
{
    public static string Page(ImportKind kind) => "/" + ImportColumns.Name(kind) + "/import";

    public static IEndpointRouteBuilder MapImport(this IEndpointRouteBuilder app)
    {
        foreach (var kind in new[] { ImportKind.Leads, ImportKind.Clients })
        {
            var group = app.MapGroup(Page(kind)).RequireAuthorization(TallyAuthentication.Admins).ExcludeFromDescription();
            group.MapPost("/upload", (HttpContext http, TallyDb db, ImportJobs jobs, ImportRunner runner, CancellationToken ct) =>
                    UploadAsync(kind, http, db, jobs, runner, ct))
                .AddEndpointFilter(LimitBody)
                .RequireAntiforgery();
            group.MapPost("/{token}/run", (string token, HttpContext http, ImportJobs jobs, ImportRunner runner) =>
                    Run(kind, token, http, jobs, runner))
                .RequireAntiforgery();
        }
        return app;
    }

    /// <summary>Refuses a file over the limit before anything reads it (antiforgery reads the whole form).</summary>
    private static async ValueTask<object?> LimitBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var max = http.RequestServices.GetRequiredService<IOptions<ImportOptions>>().Value.MaxFileBytes + 64 * 1024;
        if (http.Request.ContentLength > max)
        {
            if (HttpProtocol.IsHttp11(http.Request.Protocol))
            {
                // The rest of the body is still on its way; closing spares reading it (HTTP/2 resets the stream instead).
                http.Response.Headers.Connection = "close";
            }
            return TypedResults.Redirect(Page(KindOf(http)) + "?error=too-large");
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }
        return await next(context);
    }

    private static ImportKind KindOf(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/clients") ? ImportKind.Clients : ImportKind.Leads;

    private static async Task<RedirectHttpResult> UploadAsync(ImportKind kind, HttpContext http, TallyDb db, ImportJobs jobs, ImportRunner runner, CancellationToken ct)
    {
        IFormFile? file;
        try
        {
            file = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return TypedResults.Redirect(Page(kind) + "?error=too-large");
        }
        if (file is null || file.Length == 0)
        {
            return TypedResults.Redirect(Page(kind) + "?error=no-file");
        }
        var claims = db.Claims;
        var job = await jobs.SaveAsync(kind, claims.StudioId!.Value, claims.UserId!.Value, file, ct);
        await runner.CheckAsync(db, job, ct);
        return TypedResults.Redirect($"{Page(kind)}/{job.Token}");
    }

    private static Results<RedirectHttpResult, NotFound> Run(ImportKind kind, string token, HttpContext http, ImportJobs jobs, ImportRunner runner)
    {
        var claims = RequestClaims.From(http);
        if (jobs.Find(token, kind, claims.StudioId, claims.UserId) is not { } job)
        {
            return TypedResults.NotFound();
        }
        runner.Start(job, claims);
        return TypedResults.Redirect($"{Page(kind)}/{job.Token}");
    }
}
