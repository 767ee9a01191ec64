using Microsoft.AspNetCore.RateLimiting;

namespace Tally.Web.Features.Inquiry;

internal static class InquirySetup
{
    public static IServiceCollection AddTallyInquiry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InquiryOptions>(configuration.GetSection(InquiryOptions.Section));
        services.Configure<RateLimiterOptions>(options => options.AddPolicy<string, InquiryThrottle>(InquiryThrottle.Policy));
        return services;
    }
}
