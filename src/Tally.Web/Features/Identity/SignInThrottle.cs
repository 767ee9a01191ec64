using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Tally.Web.Features.Identity.Pages;
using Tally.Web.Infrastructure;

namespace Tally.Web.Features.Identity;

/// <summary>
/// Per-IP limit on the forms that take a secret from someone not signed in (sign-in, forgotten
/// password, reset, invitation): ASP.NET Core's rate limiter, a sliding window per address. It
/// slows password guessing across many accounts, which the per-account lockout cannot see, and
/// mail bombing through "forgot password". Page views (GET) are not limited.
/// </summary>
internal static class SignInThrottle
{
    public const string Policy = "sign-in-forms";

    private const int Segments = 6;

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.AddPolicy(Policy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("page views");
                }
                var settings = context.RequestServices.GetRequiredService<IOptions<TeamSignInOptions>>().Value;
                return RateLimitPartition.GetSlidingWindowLimiter(Partition(context.Connection.RemoteIpAddress), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = settings.IpPermitLimit,
                    Window = settings.IpWindow,
                    SegmentsPerWindow = Segments,
                    QueueLimit = 0,
                });
            });
        });

    /// <summary>
    /// IPv4 addresses count one by one; IPv6 addresses by their /64, the block one household or
    /// server is given, so walking through its addresses buys no extra tries.
    /// </summary>
    internal static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        // A sliding window frees permits segment by segment; its lease names no time, so say one segment.
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? after
            : http.RequestServices.GetRequiredService<IOptions<TeamSignInOptions>>().Value.IpWindow / Segments;
        http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (ErrorPages.WantsHtml(http))
        {
            await new RazorComponentResult<TooManyAttemptsDocument> { StatusCode = StatusCodes.Status429TooManyRequests }.ExecuteAsync(http);
            return;
        }
        await ErrorPages.WriteProblemAsync(http, new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too Many Requests",
            Detail = "Too many attempts from this network; wait a minute and try again.",
        });
    }
}
