using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tally.Web.Features.Import;

internal static class ImportSetup
{
    public static IServiceCollection AddTallyImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.Section));
        services.AddSingleton<ImportJobs>();
        services.AddSingleton<ImportRunner>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
