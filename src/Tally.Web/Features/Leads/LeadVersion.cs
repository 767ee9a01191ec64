namespace Tally.Web.Features.Leads;

/// <summary>
/// A lead's row version for optimistic concurrency (ADR 0010): PostgreSQL's xmin, the id of the
/// transaction that last wrote the row. Every update of the row — by a person, a trigger or an
/// automation — changes it, and an update that names the version it read changes nothing when
/// someone else wrote in between.
/// </summary>
public static class LeadVersion
{
    public static string ETag(string version) => $"\"{version}\"";

    /// <summary>The version an If-Match header names; null when it names none we could have issued.</summary>
    public static string? FromIfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        if (value.Length < 3 || value[0] != '"' || value[^1] != '"')
        {
            return "";
        }
        var inner = value[1..^1];
        return inner.Length is > 0 and <= 10 && inner.All(char.IsAsciiDigit) ? inner : "";
    }
}
