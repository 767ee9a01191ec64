namespace Tally.Web.Features.Search;

internal static class SearchSetup
{
    /// <summary>The services of search: the job that empties the results cache of expired rows.</summary>
    public static IServiceCollection AddTallySearch(this IServiceCollection services) =>
        services.AddHostedService<SearchCacheCleanup>();
}
