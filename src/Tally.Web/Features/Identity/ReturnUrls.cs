namespace Tally.Web.Features.Identity;

/// <summary>Where to go after signing in: only a path of this site, never another site (open redirect).</summary>
internal static class ReturnUrls
{
    public const string Home = "/dashboard";

    public static string Safe(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.Length > 2000)
        {
            return Home;
        }
        // "//host" and "/\host" are other sites to a browser.
        if (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\')
        {
            return Home;
        }
        if (returnUrl.Any(char.IsControl) || returnUrl.StartsWith("/signin", StringComparison.OrdinalIgnoreCase) || returnUrl.StartsWith("/signout", StringComparison.OrdinalIgnoreCase))
        {
            return Home;
        }
        return returnUrl;
    }
}
