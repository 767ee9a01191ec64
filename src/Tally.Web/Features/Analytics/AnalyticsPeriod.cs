using System.Globalization;
using System.Text.Json.Serialization;

namespace Tally.Web.Features.Analytics;

/// <summary>
/// The period a dashboard or report covers, in the studio's own days (both ends included), and the
/// period of the same length just before it that the KPI tiles compare with. In the URL as
/// ?period=this-month|30d|90d|this-year|custom (&amp;from=YYYY-MM-DD&amp;to=YYYY-MM-DD).
/// </summary>
public sealed record AnalyticsPeriod(string Key, DateOnly From, DateOnly To)
{
    public const string Default = "30d";
    public const int MaxDays = 3660;

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["this-month"] = "This month",
        ["30d"] = "Last 30 days",
        ["90d"] = "Last 90 days",
        ["this-year"] = "This year",
        ["custom"] = "Custom",
    };

    public int Days => To.DayNumber - From.DayNumber + 1;

    [JsonIgnore]
    public AnalyticsPeriod Previous => new("previous", From.AddDays(-Days), From.AddDays(-1));

    [JsonIgnore]
    public string Query => Key == "custom"
        ? string.Create(CultureInfo.InvariantCulture, $"period=custom&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}")
        : "period=" + Key;

    [JsonIgnore]
    public string Describe => string.Create(CultureInfo.InvariantCulture, $"{From:d MMM yyyy} – {To:d MMM yyyy}");

    /// <summary>The period asked for, or the field errors (keys period, from, to) that say what is wrong.</summary>
    public static (AnalyticsPeriod? Period, Dictionary<string, string[]> Errors) Parse(string? key, string? from, string? to, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        key = string.IsNullOrEmpty(key) ? (from is not null || to is not null ? "custom" : Default) : key;
        switch (key)
        {
            case "this-month":
                return (new(key, new DateOnly(today.Year, today.Month, 1), today), errors);
            case "30d":
                return (new(key, today.AddDays(-29), today), errors);
            case "90d":
                return (new(key, today.AddDays(-89), today), errors);
            case "this-year":
                return (new(key, new DateOnly(today.Year, 1, 1), today), errors);
            case "custom":
                var start = ParseDay(from, "from", errors);
                var end = ParseDay(to, "to", errors);
                if (start is { } f && end is { } t)
                {
                    if (t < f)
                    {
                        errors["to"] = ["to must be on or after from."];
                    }
                    else if (t.DayNumber - f.DayNumber + 1 > MaxDays)
                    {
                        errors["to"] = [$"A period is at most {MaxDays} days."];
                    }
                    else
                    {
                        return (new(key, f, t), errors);
                    }
                }
                return (null, errors);
            default:
                errors["period"] = ["period must be one of: " + string.Join(", ", Labels.Keys) + "."];
                return (null, errors);
        }
    }

    private static DateOnly? ParseDay(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = [$"{field} is required for a custom period (YYYY-MM-DD)."];
            return null;
        }
        if (value.Length != 10 || !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year is < 2000 or > 2100)
        {
            errors[field] = [$"{field} must be a day between 2000-01-01 and 2100-12-31, as YYYY-MM-DD."];
            return null;
        }
        return day;
    }
}
