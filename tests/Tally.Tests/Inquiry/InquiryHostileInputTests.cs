using System.Net;
using Tally.Tests.Web;

namespace Tally.Tests.Inquiry;

/// <summary>Every string of the Big List of Naughty Strings in every field of the inquiry form: a page or a clear 4xx, never a 5xx.</summary>
public sealed class InquiryHostileInputTests(InquiryWebFactory app) : IClassFixture<InquiryWebFactory>
{
    private static readonly string[] TextFields = ["FirstName", "LastName", "PartnerName", "Message"];

    private static readonly string[] OtherFields = ["Email", "Phone", "EventType", "EventDate", "Budget", "Source"];

    [Fact]
    public async Task Submit_NaughtyStringsInEveryField_NeverServerError()
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync(InquiryForm.Url);
        var failures = new List<string>();
        var answered = 0;

        foreach (var naughty in Blns.All)
        {
            // In the free-text fields of an otherwise valid inquiry, so the string reaches the database;
            // then in every field at once, so each field's rules meet it.
            var inText = InquiryForm.Fields(InquiryForm.NewEmail(), [.. TextFields.Select(f => (f, naughty))]);
            var everywhere = InquiryForm.Fields(naughty, [.. TextFields.Concat(OtherFields).Select(f => (f, naughty))]);
            foreach (var fields in new[] { inText, everywhere })
            {
                using var response = await HtmlForms.PostAsync(client, page, InquiryForm.Url, "inquiry", fields);
                answered++;
                var status = (int)response.StatusCode;
                var html = await response.Content.ReadAsStringAsync();
                if (status >= 500 || status is not (200 or 400))
                {
                    failures.Add($"{status} for {Escape(naughty)}");
                }
                else if (status == 400 && HtmlForms.Alert(html) is null)
                {
                    failures.Add($"400 without a message for {Escape(naughty)}");
                }
                else if (html.Contains("<script>alert", StringComparison.Ordinal))
                {
                    failures.Add($"unencoded markup echoed for {Escape(naughty)}");
                }
            }
        }

        Assert.Equal(Blns.All.Count * 2, answered);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static string Escape(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
