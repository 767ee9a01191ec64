using Tally.Data.Cluster;

namespace Tally.Cli.Hosting;

/// <summary>Where the web app listens: TALLY_URLS, or http://127.0.0.1:5080.</summary>
internal static class Urls
{
    public const string Default = "http://127.0.0.1:5080";

    public static string FromEnvironment() =>
        Environment.GetEnvironmentVariable("TALLY_URLS") is { Length: > 0 } urls ? urls : Default;

    /// <summary>Fails with the fix when a port is already taken, before anything is started.</summary>
    public static void EnsurePortsFree(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                throw new UserFacingException($"TALLY_URLS has a malformed address '{url}': use e.g. TALLY_URLS=http://127.0.0.1:5080");
            }
            if (!LocalCluster.PortIsFree(uri.Port))
            {
                throw new UserFacingException($"port {uri.Port} is already in use: stop what is using it, or choose another with TALLY_URLS=http://127.0.0.1:{uri.Port + 1} ./tally up");
            }
        }
    }
}
