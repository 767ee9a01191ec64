namespace Tally.Web.Infrastructure.Mail;

/// <summary>
/// Absolute links for mail: from Tally:PublicUrl (environment Tally__PublicUrl) when set, else from
/// the request's own scheme and host.
/// </summary>
/// <remarks>
/// Set Tally__PublicUrl (or AllowedHosts) in production: the Host header comes from the client, and
/// a forged one would put a password reset link to someone else's site into a real person's inbox.
/// </remarks>
public static class PublicLinks
{
    public const string Setting = "Tally:PublicUrl";

    public static Uri For(HttpContext http, string pathAndQuery)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()[Setting];
        var root = Uri.TryCreate(configured?.TrimEnd('/') + "/", UriKind.Absolute, out var publicUrl) && publicUrl.Scheme is "http" or "https"
            ? publicUrl
            : new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        return new Uri(root, pathAndQuery.TrimStart('/'));
    }
}
