using System.Net;
using Tally.Tests.Web;

namespace Tally.Tests.Inquiry;

/// <summary>More inquiries a minute from one address than the limit (two here): a 429 page that says so, and nothing created.</summary>
public sealed class InquiryThrottleTests(ThrottledInquiryWebFactory app) : IClassFixture<ThrottledInquiryWebFactory>
{
    [Fact]
    public async Task Submit_OverTheLimit_429WithAClearMessageAndNothingCreated()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await client.GetStringAsync(InquiryForm.Url);
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await HtmlForms.PostAsync(client, page, InquiryForm.Url, "inquiry", InquiryForm.Fields(InquiryForm.NewEmail()));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        var email = InquiryForm.NewEmail();

        using var refused = await HtmlForms.PostAsync(client, page, InquiryForm.Url, "inquiry", InquiryForm.Fields(email));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Contains("Too many inquiries were sent from your network", HtmlForms.Alert(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.LeadCountAsync(email));
        // Viewing the form is never limited.
        using var view = await client.GetAsync(InquiryForm.Url);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
    }
}
