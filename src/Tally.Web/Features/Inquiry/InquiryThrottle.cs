using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Tally.Web.Features.Identity;
using Tally.Web.Infrastructure;

namespace Tally.Web.Features.Inquiry;

/// <summary>
/// Per-IP limit on inquiry posts (ASP.NET Core's rate limiter, a sliding window per address, IPv6
/// by /64 as for the sign-in forms): a person sends one or two inquiries, a flood is a bot. Viewing
/// the form is not limited. The answer is a 429 page of its own that says what happened.
/// </summary>
internal sealed class InquiryThrottle(IOptions<InquiryOptions> options) : IRateLimiterPolicy<string>
{
    public const string Policy = "inquiry-form";

    private const int Segments = 6;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("page views");
        }
        var settings = options.Value;
        return RateLimitPartition.GetSlidingWindowLimiter("inquiry " + SignInThrottle.Partition(httpContext.Connection.RemoteIpAddress), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            SegmentsPerWindow = Segments,
            QueueLimit = 0,
        });
    }

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.Window / Segments;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (ErrorPages.WantsHtml(http))
        {
            await new RazorComponentResult<InquiryRefusedDocument>(new { Status = StatusCodes.Status429TooManyRequests })
            {
                StatusCode = StatusCodes.Status429TooManyRequests,
            }.ExecuteAsync(http);
            return;
        }
        await ErrorPages.WriteProblemAsync(http, new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too Many Requests",
            Detail = InquiryRefusedDocument.TooManyText,
        });
    }
}
