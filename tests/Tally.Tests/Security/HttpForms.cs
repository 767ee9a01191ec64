using System.Net;
using System.Text.RegularExpressions;

namespace Tally.Tests.Security;

/// <summary>Posting a page's form the way a browser does: its antiforgery token and cookie included.</summary>
internal static partial class HttpForms
{
    /// <summary>GETs the page (200 expected) and returns its HTML and the form's antiforgery token.</summary>
    public static async Task<(string Html, string Token)> OpenAsync(HttpClient browser, string url, Action<HttpRequestMessage>? authenticate = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        authenticate?.Invoke(request);
        using var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {html}");
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"GET {url}: no antiforgery token in the page");
        return (html, WebUtility.HtmlDecode(token.Groups["value"].Value));
    }

    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient browser, string action, string token, IEnumerable<KeyValuePair<string, string>> fields, Action<HttpRequestMessage>? authenticate = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
        };
        authenticate?.Invoke(request);
        return await browser.SendAsync(request);
    }

    /// <summary>The path and query of a redirect, whether the app wrote it absolute or relative.</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"no Location header ({(int)response.StatusCode})");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
