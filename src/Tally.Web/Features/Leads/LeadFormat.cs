using System.Globalization;
using Tally.Web.Features.Studios;

namespace Tally.Web.Features.Leads;

/// <summary>How the admin app writes a lead's values for a person.</summary>
internal static class LeadFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["proposal_sent"] = "Proposal sent",
        ["wedding_wire"] = "WeddingWire",
        ["the_knot"] = "The Knot",
    };

    public static string Name(LeadSummary lead) =>
        string.IsNullOrWhiteSpace(lead.LastName) ? lead.FirstName : $"{lead.FirstName} {lead.LastName}";

    /// <summary>"proposal_sent" → "Proposal sent"; the stored values are lowercase words joined by '_'.</summary>
    public static string Label(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (Labels.TryGetValue(value, out var label))
        {
            return label;
        }
        var words = value.Replace('_', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static string Date(DateOnly? date) => date?.ToString("d MMM yyyy", Culture) ?? "";

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant in the studio's own time zone, where the studio's people live.</summary>
    public static string Instant(DateTime utc, Studio studio)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(studio.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.ToString("d MMM yyyy, HH:mm", Culture);
    }

    public static string IsoInstant(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
