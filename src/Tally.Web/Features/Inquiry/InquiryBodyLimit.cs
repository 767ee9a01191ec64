using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tally.Web.Infrastructure;

namespace Tally.Web.Features.Inquiry;

/// <summary>
/// Caps the body of an inquiry post before anything reads it (antiforgery reads the whole form
/// first): a declared length over the cap gets a 413 page at once; a body without a declared length
/// is cut off by the server at the cap.
/// </summary>
internal static class InquiryBodyLimit
{
    public static bool IsInquiryPost(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return false;
        }
        var segments = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["s", _, "inquire"];
    }

    public static IApplicationBuilder UseInquiryBodyLimit(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            if (!IsInquiryPost(context.Request))
            {
                await next(context);
                return;
            }
            var max = context.RequestServices.GetRequiredService<IOptions<InquiryOptions>>().Value.MaxBodyBytes;
            if (context.Request.ContentLength > max)
            {
                await RefuseAsync(context);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = max;
            }
            await next(context);
        });

    private static async Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        if (HttpProtocol.IsHttp11(http.Request.Protocol))
        {
            // The rest of the body is still on its way; closing spares reading it (HTTP/2 resets the stream instead).
            http.Response.Headers.Connection = "close";
        }
        if (ErrorPages.WantsHtml(http))
        {
            await new RazorComponentResult<InquiryRefusedDocument>(new { Status = StatusCodes.Status413PayloadTooLarge })
            {
                StatusCode = StatusCodes.Status413PayloadTooLarge,
            }.ExecuteAsync(http);
            return;
        }
        await ErrorPages.WriteProblemAsync(http, new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "Payload Too Large",
            Detail = InquiryRefusedDocument.TooLargeText,
        });
    }
}
