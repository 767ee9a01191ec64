namespace Tally.Web.Infrastructure;

internal static class Logging
{
    /// <summary>
    /// One JSON object per line on stdout. Scopes are included, so every line written while a request
    /// runs carries its RequestId (the X-Request-Id header) and RequestPath, and the TraceId/SpanId of
    /// its activity.
    /// </summary>
    public static WebApplicationBuilder AddTallyLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
        return builder;
    }
}
