using Microsoft.Net.Http.Headers;

namespace Tally.Web.Infrastructure.Records;

/// <summary>
/// Optimistic concurrency over HTTP (decision 0012): a row's version is its xmin, the id of the
/// transaction that last wrote it, which PostgreSQL changes on every update at no cost to us. It
/// goes out as a strong ETag; an update must send it back in If-Match and is refused when the row
/// changed since (412) or when the header is missing (428).
/// </summary>
public static class RecordVersion
{
    /// <summary>The ETag header value of a version: "123456".</summary>
    public static string ETag(string version) => $"\"{version}\"";

    /// <summary>What an If-Match header asks for.</summary>
    public sealed record Precondition(bool Missing, bool Any, IReadOnlyList<string> Versions)
    {
        public bool Matches(string version) => Any || Versions.Contains(version, StringComparer.Ordinal);
    }

    /// <summary>
    /// The versions If-Match names. Weak tags (W/"…") never match a strong comparison (RFC 9110
    /// 13.1.1), so they count as naming nothing; "*" matches any current row.
    /// </summary>
    public static Precondition IfMatch(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0 || values.All(string.IsNullOrWhiteSpace))
        {
            return new Precondition(true, false, []);
        }
        if (!EntityTagHeaderValue.TryParseList(values, out var tags))
        {
            return new Precondition(false, false, []);
        }
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return new Precondition(false, true, []);
        }
        var versions = tags.Where(t => !t.IsWeak).Select(t => t.Tag.ToString().Trim('"')).ToList();
        return new Precondition(false, false, versions);
    }

    public static void SetETag(HttpContext http, string version) => http.Response.Headers.ETag = ETag(version);
}
