using System.Globalization;
using System.Text;

namespace Tally.Web.Features.Analytics;

/// <summary>
/// CSV exports of the reports (RFC 4180). A text cell starting with =, +, -, @, a tab or a carriage
/// return is prefixed with an apostrophe so a spreadsheet shows it as text and never runs it as a
/// formula; numbers are written invariant, one column per currency.
/// </summary>
internal static class AnalyticsCsv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', header.Select(Text)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>The currencies of the given amounts, for one column each.</summary>
    public static List<string> Currencies(IEnumerable<Money> amounts) =>
        amounts.SelectMany(m => m.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static string Cell(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.00##", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
