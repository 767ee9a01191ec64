using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Tally.Web.Components;

namespace Tally.Web.Infrastructure;

/// <summary>
/// Errors are answered in the caller's language: ProblemDetails JSON for the API and for any client
/// that does not ask for HTML; the admin app's error page for a browser on a page of the admin app.
/// </summary>
internal static class ErrorPages
{
    public static WebApplication UseTallyErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Bodies for bare status codes: 404 for an unknown route, 405 for a wrong method...
        app.UseStatusCodePages(WriteStatusCodePageAsync);
        return app;
    }

    /// <summary>True for a browser asking for a page of the admin app (not the API, health or OpenAPI).</summary>
    public static bool WantsHtml(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi"))
        {
            return false;
        }
        foreach (var accept in context.Request.GetTypedHeaders().Accept)
        {
            if (accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Writes the admin app's error page for this status.</summary>
    /// <remarks>
    /// In a scope of its own: a page that failed has already used this request's Blazor services
    /// (its NavigationManager cannot be initialised twice).
    /// </remarks>
    public static async Task RenderAsync(HttpContext context, int status)
    {
        var requestServices = context.RequestServices;
        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        try
        {
            var page = new RazorComponentResult<ErrorDocument>(new Dictionary<string, object?> { [nameof(ErrorDocument.Status)] = status })
            {
                StatusCode = status,
            };
            await page.ExecuteAsync(context);
        }
        finally
        {
            context.RequestServices = requestServices;
        }
    }

    /// <summary>
    /// Writes a problem as ProblemDetails JSON, or as one line of text for a client that accepts no
    /// JSON at all.
    /// </summary>
    public static async Task WriteProblemAsync(HttpContext context, ProblemDetails problem, Exception? exception = null)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            var reason = ReasonPhrases.GetReasonPhrase(context.Response.StatusCode);
            await context.Response.WriteAsync($"{context.Response.StatusCode} {reason}. Request id: {context.TraceIdentifier}\n");
        }
    }

    private static Task WriteStatusCodePageAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        return WantsHtml(http)
            ? RenderAsync(http, http.Response.StatusCode)
            : WriteProblemAsync(http, new ProblemDetails { Status = http.Response.StatusCode });
    }
}
