using Dapper;
using Tally.Tests.Web;

namespace Tally.Tests.Inquiry;

/// <summary>
/// The app for the inquiry tests: the per-IP limit of the form lifted (every test request comes from
/// the same address; <see cref="ThrottledInquiryWebFactory"/> tests the limit itself).
/// </summary>
public class InquiryWebFactory : TallyWebFactory
{
    protected override void AddSettings(IDictionary<string, string?> settings) =>
        settings["Tally:Inquiry:PermitLimit"] = "1000000";

    public async Task<long> LeadCountAsync(string? email = null)
    {
        await using var owner = await Database.OpenOwnerAsync();
        return await owner.QuerySingleAsync<long>(
            "SELECT count(*) FROM leads WHERE @email::text IS NULL OR email = @email::citext", new { email });
    }
}

/// <summary>The app with a limit of two inquiries a minute per address.</summary>
public sealed class ThrottledInquiryWebFactory : InquiryWebFactory
{
    protected override void AddSettings(IDictionary<string, string?> settings) =>
        settings["Tally:Inquiry:PermitLimit"] = "2";
}

/// <summary>Posting the inquiry form the way a browser does.</summary>
internal static class InquiryForm
{
    public const string Url = "/s/aurora-studio/inquire";

    /// <summary>A valid inquiry's fields; <paramref name="changes"/> replace or add fields by name (without "Input.").</summary>
    public static (string Name, string Value)[] Fields(string email, params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FirstName"] = "Maya",
            ["LastName"] = "Okafor",
            ["PartnerName"] = "Jon Rees",
            ["Email"] = email,
            ["Phone"] = "+1 206 555 0142",
            ["EventType"] = "wedding",
            ["EventDate"] = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Budget"] = "6500",
            ["Source"] = "instagram",
            ["Message"] = "We are marrying at the lake house and would love you to photograph it.",
        };
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }
        return [.. fields.Select(f => ("Input." + f.Key, f.Value))];
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, params (string Name, string Value)[] fields) =>
        HtmlForms.SubmitAsync(client, Url, "inquiry", fields);

    public static string NewEmail() => $"inquiry-{Guid.NewGuid():N}@example.com";
}
