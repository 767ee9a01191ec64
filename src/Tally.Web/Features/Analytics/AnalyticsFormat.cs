using System.Globalization;
using System.Text.Json;

namespace Tally.Web.Features.Analytics;

/// <summary>How the analytics pages write figures, and the JSON a chart is drawn from.</summary>
internal static class AnalyticsFormat
{
    public static readonly IReadOnlyDictionary<string, string> StatusLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["active"] = "Active",
        ["dormant"] = "Dormant",
        ["churned"] = "Churned",
    };

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Amount(string currency, decimal amount) => string.Create(CultureInfo.InvariantCulture, $"{currency} {amount:N2}");

    /// <summary>"USD 1,200.00 · EUR 300.00", or "none".</summary>
    public static string Money(Money money) => money.Count == 0 ? "none" : string.Join(" · ", money.Select(p => Amount(p.Key, p.Value)));

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>The change against the previous period, in words.</summary>
    public static string Change(decimal current, decimal previous)
    {
        if (previous == 0)
        {
            return current == 0 ? "no change (none in the previous period)" : "up from none in the previous period";
        }
        var percent = Math.Round(100m * (current - previous) / previous, 0, MidpointRounding.AwayFromZero);
        return percent switch
        {
            0 => "no change against the previous period",
            > 0 => string.Create(CultureInfo.InvariantCulture, $"up {percent}% against the previous period"),
            _ => string.Create(CultureInfo.InvariantCulture, $"down {-percent}% against the previous period"),
        };
    }

    public static string Direction(decimal current, decimal previous) => current > previous ? "up" : current < previous ? "down" : "same";

    public static string Stage(string stage) => stage switch
    {
        "proposal_sent" => "Proposal sent",
        _ => char.ToUpperInvariant(stage[0]) + stage[1..].Replace('_', ' '),
    };

    public static string Source(string source) => source switch
    {
        "wedding_wire" => "WeddingWire",
        "the_knot" => "The Knot",
        _ => char.ToUpperInvariant(source[0]) + source[1..].Replace('_', ' '),
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The data-chart attribute: what /js/dashboard.js draws with Chart.js.</summary>
    public static string Chart(string type, IEnumerable<string> labels, IEnumerable<ChartSeries> series, bool horizontal = false, string? unit = null) =>
        JsonSerializer.Serialize(new { type, labels, datasets = series, horizontal, unit }, Json);
}

/// <summary>One dataset of a chart.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal> Data);
