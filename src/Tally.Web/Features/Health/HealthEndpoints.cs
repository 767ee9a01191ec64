using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Tally.Web.Features.Health;

/// <summary>
/// /health/live: the process answers (no dependency is checked, so a slow database never gets a
/// healthy process restarted). /health/ready: the database answers a query, so traffic may come.
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddTallyHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddNpgSql(
            sp => sp.GetRequiredService<NpgsqlDataSource>(),
            healthQuery: "SELECT 1",
            name: "database",
            tags: [ReadyTag],
            timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .WithDisplayName("Liveness");
        group.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync })
            .WithDisplayName("Readiness");
        return group;
    }

    // Names and statuses only: an exception message could tell a stranger about the network.
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        var body = new HealthResponse(
            report.Status.ToString(),
            report.TotalDuration.TotalMilliseconds,
            report.Entries.Select(e => new HealthCheckResponse(e.Key, e.Value.Status.ToString(), e.Value.Duration.TotalMilliseconds)).ToList());
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Options, context.RequestAborted);
    }

    private static class HealthJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}

internal sealed record HealthResponse(string Status, double TotalDurationMs, IReadOnlyList<HealthCheckResponse> Checks);

internal sealed record HealthCheckResponse(string Name, string Status, double DurationMs);
