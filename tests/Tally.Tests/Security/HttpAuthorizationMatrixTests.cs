using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Tally.Tests.Security;

/// <summary>
/// The authorization matrix over HTTP: every endpoint and page the app maps (read from its
/// EndpointDataSource, so a new one is covered, or fails until classified in
/// <see cref="HttpEndpointCatalog"/>) × every <see cref="HttpPrincipal"/>. Each answer must have
/// the expected status, and no answer may carry studio A data its asker may not see.
/// </summary>
public sealed partial class HttpAuthorizationMatrixTests(HttpSecurityFactory app, ITestOutputHelper output) : IClassFixture<HttpSecurityFactory>
{
    [Fact]
    public void Endpoints_EveryOneMapped_IsClassifiedPublicOrProtected()
    {
        var unclassified = Endpoints().Select(e => e.Key)
            .Where(k => !HttpEndpointCatalog.Public.ContainsKey(k) && !HttpEndpointCatalog.Protected.ContainsKey(k))
            .ToList();
        var stale = HttpEndpointCatalog.Protected.Keys.Concat(HttpEndpointCatalog.Public.Keys)
            .Except(Endpoints().Select(e => e.Key)).ToList();

        Assert.True(unclassified.Count == 0, "Say who these endpoints are for in HttpEndpointCatalog: " + string.Join(", ", unclassified));
        Assert.True(stale.Count == 0, "HttpEndpointCatalog lists endpoints the app no longer maps: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task EveryProtectedEndpoint_AsEveryPrincipal_AnswersAsExpectedWithoutForeignData()
    {
        var principals = HttpPrincipal.All(app);
        var http = app.Raw();
        var failures = new List<string>();
        var cases = 0;
        foreach (var (key, access) in Endpoints().Where(e => HttpEndpointCatalog.Protected.ContainsKey(e.Key)).Select(e => (e.Key, HttpEndpointCatalog.Protected[e.Key])))
        {
            var (method, url) = Request(key);
            foreach (var principal in principals)
            {
                cases++;
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    // What each kind of endpoint reads, empty: the API JSON, the app's forms a form.
                    request.Content = url.StartsWith("/api/", StringComparison.Ordinal)
                        ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                        : new FormUrlEncodedContent([]);
                }
                principal.Apply(request);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (Verdict(key, access, principal, url, response) is { } wrong)
                {
                    failures.Add($"{key} as {principal.Name}: {wrong}");
                }
                foreach (var marker in principal.ForbiddenMarkers.Where(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"{key} as {principal.Name}: the answer ({(int)response.StatusCode}) shows studio A data it may not see: {marker}");
                }
            }
        }
        output.WriteLine($"HTTP authorization matrix: {cases} cases ({cases / principals.Count} protected endpoints x {principals.Count} principals), {HttpEndpointCatalog.Public.Count} public endpoints left out.");

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(cases >= HttpEndpointCatalog.Protected.Count * principals.Count);
    }

    /// <summary>The markers would be worthless if allowed askers did not see them: they do.</summary>
    [Fact]
    public async Task Markers_AllowedPrincipals_SeeThem()
    {
        var w = app.World;
        var principals = HttpPrincipal.All(app).ToDictionary(p => p.Name);

        var adminLeads = await GetAsync(principals[HttpPrincipal.Admin], "/leads");
        var adminApi = await GetAsync(principals[HttpPrincipal.Owner], $"/api/v1/studios/{w.StudioASlug}/leads");
        var adminSearch = await GetAsync(principals[HttpPrincipal.Admin], "/api/v1/search/" + HttpEndpointCatalog.Query("GET /api/v1/search/", w));
        var a1Portal = await GetAsync(principals[HttpPrincipal.ClientA1], "/portal");
        var a1Gallery = await GetAsync(principals[HttpPrincipal.ClientA1], $"/portal/galleries/{w.ClientA1.GalleryId}");

        Assert.NotEmpty(w.TeamOnlyLeadEmails);
        Assert.All(w.TeamOnlyLeadEmails, email => Assert.Contains(email, adminLeads, StringComparison.OrdinalIgnoreCase));
        Assert.All(w.TeamOnlyLeadEmails, email => Assert.Contains(email, adminApi, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(w.TeamOnlyLeadEmails[0], adminSearch, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(w.ClientA1.GalleryId.ToString(), a1Portal, StringComparison.Ordinal);
        Assert.Contains(w.StudioAName, a1Portal, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(w.ClientA1.GalleryTitle), a1Gallery, StringComparison.Ordinal);
    }

    private async Task<string> GetAsync(HttpPrincipal principal, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        principal.Apply(request);
        using var response = await app.Raw().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} as {principal.Name}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Null when the answer is the expected one; otherwise what was wrong.</summary>
    private static string? Verdict(string key, HttpAccess access, HttpPrincipal p, string url, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var path = url.Split('?')[0];
        var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
        var isGet = key.StartsWith("GET ", StringComparison.Ordinal);
        if (!p.IsSignedIn)
        {
            if (p.Transport == HttpTransport.Bearer)
            {
                return status == 401 && response.Headers.WwwAuthenticate.ToString().Contains("invalid_token", StringComparison.Ordinal) && IsProblem(response)
                    ? null : $"expected 401 with WWW-Authenticate invalid_token and a problem body, got {status} {response.Headers.WwwAuthenticate}";
            }
            if (isApi)
            {
                return status == 401 && response.Headers.WwwAuthenticate.ToString().StartsWith("Bearer", StringComparison.Ordinal) && IsProblem(response)
                    ? null : $"expected 401 with WWW-Authenticate Bearer and a problem body, got {status}";
            }
            var signIn = path == "/portal" || path.StartsWith("/portal/", StringComparison.Ordinal) ? "/portal/signin" : "/signin";
            return status == 302 && Path(location) == signIn ? null : $"expected a redirect to {signIn}, got {status} {location}";
        }
        if (!Allows(access, p))
        {
            if (isApi || p.Transport == HttpTransport.Bearer)
            {
                return status == 403 ? null : $"expected 403, got {status}";
            }
            return status == 302 && Path(location) == "/forbidden" ? null : $"expected a redirect to /forbidden, got {status} {location}";
        }
        if (isGet)
        {
            var expected = HttpEndpointCatalog.AllowedButNotTheirs(key, p.Name);
            if (expected is { } notTheirs)
            {
                return status == notTheirs ? null : $"expected {notTheirs} (not theirs), got {status}";
            }
            // Another studio's member asks for studio A's data by its slug: their own or nothing.
            return status == 200 || (!p.OfStudioA && status == 404) ? null : $"expected 200, got {status} {location}";
        }
        // A write with an empty body (no antiforgery token, no JSON): authorization let it through if it got past 401/403.
        return status is 401 or 403 || (status == 302 && Path(location) is "/signin" or "/portal/signin" or "/forbidden")
            ? $"expected to pass authorization, got {status} {location}" : null;
    }

    private static bool Allows(HttpAccess access, HttpPrincipal p) => access switch
    {
        HttpAccess.Team => p.Role is "owner" or "admin" or "staff" or "bookkeeper",
        HttpAccess.Admins or HttpAccess.Managers => p.Role is "owner" or "admin",
        HttpAccess.Client => p.Role == "client",
        _ => false,
    };

    private static bool IsProblem(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    private static string Path(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : location.Split('?')[0];

    /// <summary>Every (method, route) the app maps, as "GET /route/pattern"; HEAD goes with GET.</summary>
    private IEnumerable<(string Key, RouteEndpoint Endpoint)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
                .Where(m => m != HttpMethods.Head)
                .Select(m => ($"{m} {Normalize(e.RoutePattern.RawText)}", e)))
            .DistinctBy(e => e.Item1);

    private static string Normalize(string? pattern) => pattern is null ? "/" : pattern.StartsWith('/') ? pattern : "/" + pattern;

    /// <summary>The concrete request for an endpoint, its route parameters filled with studio A's sample values.</summary>
    private (string Method, string Url) Request(string key)
    {
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        var url = Parameter().Replace(key[(space + 1)..], m =>
            HttpEndpointCatalog.RouteValue(key, m.Groups["name"].Value, app.World)
            ?? throw new InvalidOperationException($"{key}: give the route parameter '{m.Groups["name"].Value}' a sample value in HttpEndpointCatalog.RouteValue"));
        return (key[..space], url + HttpEndpointCatalog.Query(key, app.World));
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex Parameter();
}
