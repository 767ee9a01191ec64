namespace Tally.Web.Infrastructure;

internal static class ProblemDetailsSetup
{
    public const string RequestIdExtension = "requestId";

    public static IServiceCollection AddTallyProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd(RequestIdExtension, context.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<TallyExceptionHandler>();
        // Binding failures (page=abc) throw BadHttpRequestException in every environment, so that
        // the exception handler answers them with a ProblemDetails body instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
