using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace Tally.Web.Infrastructure;

/// <summary>The OpenAPI document (/openapi/v1.json) and its interactive reference (/api/reference).</summary>
internal static class ApiDocs
{
    public static IServiceCollection AddTallyApiDocs(this IServiceCollection services)
    {
        // Numbers are numbers: no "integer or string" in the schemas, and "12" is not accepted for 12.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Tally API";
            document.Info.Description = "Studio management for photography businesses. Errors are RFC 9457 problem details carrying a requestId, the same as the X-Request-Id response header.";
            return Task.CompletedTask;
        }).AddTallySecurity());
        return services;
    }

    /// <summary>Mapped in every environment: integrators read the same document in production.</summary>
    public static IEndpointRouteBuilder MapTallyApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        // Self-contained: no fonts, telemetry or AI agent fetched from Scalar's services.
        app.MapScalarApiReference("/api/reference", options => options
            .WithTitle("Tally API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return app;
    }
}
