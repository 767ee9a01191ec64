namespace Tally.Web.Infrastructure;

/// <summary>
/// Defence in depth behind Razor's encoding: the admin app's pages run only script files of their
/// own origin (the search box's /js/search.js), never inline script, so a markup injection that
/// slipped through would still not execute. The API reference (Scalar) is a script application
/// and keeps its own rules.
/// </summary>
internal static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                    && !http.Request.Path.StartsWithSegments("/api/reference"))
                {
                    headers.ContentSecurityPolicy = PagePolicy;
                }
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
