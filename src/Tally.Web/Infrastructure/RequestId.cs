namespace Tally.Web.Infrastructure;

/// <summary>
/// The request id is ASP.NET Core's <see cref="HttpContext.TraceIdentifier"/>: the value the logging
/// scope writes as RequestId on every log line of the request. Returning it to the caller lets a
/// person quote it and an operator find the request's lines.
/// </summary>
internal static class RequestId
{
    public const string HeaderName = "X-Request-Id";

    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            // OnStarting, not now: the exception handler clears headers set before an error.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers[HeaderName] = http.TraceIdentifier;
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
