using System.Net;
using System.Text.RegularExpressions;

namespace Tally.Tests.Web;

/// <summary>
/// Posting the admin app's forms the way a browser does: the hidden fields of the named form
/// (Blazor's _handler and the antiforgery token) taken from the page, plus the visible fields.
/// </summary>
public static partial class HtmlForms
{
    /// <summary>The hidden fields of the form whose _handler is <paramref name="formName"/> (or of the form posting to <paramref name="formName"/>).</summary>
    public static List<KeyValuePair<string, string>> HiddenFields(string html, string formName)
    {
        foreach (Match form in Form().Matches(html))
        {
            var fields = Input().Matches(form.Value)
                .Select(i => (Type: Attribute(i.Value, "type"), Name: Attribute(i.Value, "name"), Value: Attribute(i.Value, "value")))
                .Where(i => i.Type == "hidden" && i.Name is not null)
                .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value ?? ""))
                .ToList();
            if (fields.Any(f => f.Key == "_handler" && f.Value == formName) || Attribute(form.Value[..form.Value.IndexOf('>')], "action") == formName)
            {
                return fields;
            }
        }
        throw new InvalidOperationException($"No form '{formName}' on the page:\n{html}");
    }

    /// <summary>Opens <paramref name="pageUrl"/> and submits its form <paramref name="formName"/> with these fields.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string formName, params (string Name, string Value)[] fields)
    {
        using var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        return await PostAsync(client, html, pageUrl, formName, fields);
    }

    /// <summary>Submits the form <paramref name="formName"/> of an already fetched page to <paramref name="postUrl"/>.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string html, string postUrl, string formName, params (string Name, string Value)[] fields)
    {
        var content = new FormUrlEncodedContent(HiddenFields(html, formName).Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
        return client.PostAsync(postUrl, content);
    }

    /// <summary>Signs in through the real form; the client's cookie handling keeps the session.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        SubmitAsync(client, "/signin", "signin", ("Input.Email", email), ("Input.Password", password));

    /// <summary>The text of the page's role="alert" box, tags removed; null when there is none.</summary>
    public static string? Alert(string html)
    {
        var match = AlertBox().Match(html);
        return match.Success ? WebUtility.HtmlDecode(Tags().Replace(match.Groups[1].Value, "")).Trim() : null;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Input();

    [GeneratedRegex("role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex AlertBox();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
