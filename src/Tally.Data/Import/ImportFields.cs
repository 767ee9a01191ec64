using System.Globalization;
using System.Text.RegularExpressions;

namespace Tally.Data.Import;

/// <summary>
/// Reads and judges the fields of one CSV row. The limits and lists are those of the tables' CHECK
/// constraints (0002_base_schema.sql), so a row without problems is a row the table accepts. Values
/// are stored as typed: a cell such as =SUM(A1) is text like any other (exports escape it).
/// </summary>
internal sealed partial class ImportFields(Func<string, string?> value, int line, List<ImportProblem> problems)
{
    public static readonly IReadOnlySet<string> EventTypes = new HashSet<string>(StringComparer.Ordinal)
        { "wedding", "engagement", "portrait", "family", "newborn", "boudoir", "corporate", "event", "other" };

    public static readonly IReadOnlySet<string> Sources = new HashSet<string>(StringComparer.Ordinal)
        { "instagram", "google", "referral", "website", "wedding_wire", "the_knot", "facebook", "other" };

    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal)
        { "new", "contacted", "qualified", "proposal_sent", "won", "lost", "archived" };

    public int Line => line;

    public bool Failed { get; private set; }

    private void Problem(string column, string message)
    {
        Failed = true;
        problems.Add(new ImportProblem(line, column, message));
    }

    /// <summary>Records a problem that involves several fields.</summary>
    public void Missing(string column, string message) => Problem(column, message);

    private string? Raw(string column)
    {
        var v = value(column);
        return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
    }

    public string? Text(string column, int max, bool required = false, bool multiline = false)
    {
        var v = Raw(column);
        if (v is null)
        {
            if (required)
            {
                Problem(column, "is required");
            }
            return null;
        }
        if (!IsPlainText(v, multiline))
        {
            Problem(column, "contains control characters");
            return null;
        }
        var length = v.EnumerateRunes().Count();
        if (length > max)
        {
            Problem(column, $"is too long ({length} characters, at most {max})");
            return null;
        }
        return v;
    }

    public string? Email(string column, bool required)
    {
        var v = Raw(column);
        if (v is null)
        {
            if (required)
            {
                Problem(column, "is required");
            }
            return null;
        }
        if (v.Length > 254 || !EmailShape().IsMatch(v) || !IsPlainText(v, false) || v.Any(char.IsWhiteSpace))
        {
            Problem(column, $"is not an email address: {Shown(v)}");
            return null;
        }
        return v;
    }

    public string? Phone(string column)
    {
        var v = Raw(column);
        if (v is null)
        {
            return null;
        }
        if (v.Length > 40 || !IsPlainText(v, false))
        {
            Problem(column, "is not a phone number (at most 40 characters)");
            return null;
        }
        return v;
    }

    public string? OneOf(string column, IReadOnlySet<string> allowed, string? fallback, string what)
    {
        var v = Raw(column);
        if (v is null)
        {
            return fallback;
        }
        if (!allowed.Contains(v))
        {
            Problem(column, $"unknown {what} {Shown(v)}; use one of {string.Join(", ", allowed)}");
            return fallback;
        }
        return v;
    }

    public DateOnly? Date(string column)
    {
        var v = Raw(column);
        if (v is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Problem(column, $"is not a date (YYYY-MM-DD): {Shown(v)}");
            return null;
        }
        if (date < new DateOnly(2000, 1, 1) || date > new DateOnly(2100, 12, 31))
        {
            Problem(column, "is out of range (2000-01-01 to 2100-12-31)");
            return null;
        }
        return date;
    }

    public int? Integer(string column, int min, int max)
    {
        var v = Raw(column);
        if (v is null)
        {
            return null;
        }
        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Problem(column, $"is not a whole number from {min} to {max}: {Shown(v)}");
            return null;
        }
        return n;
    }

    public decimal? Money(string column)
    {
        var v = Raw(column);
        if (v is null)
        {
            return null;
        }
        if (!MoneyShape().IsMatch(v) || !decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            Problem(column, $"is not an amount such as 4500.00: {Shown(v)}");
            return null;
        }
        return amount;
    }

    public string? Code(string column, int length, string what)
    {
        var v = Raw(column);
        if (v is null)
        {
            return null;
        }
        if (v.Length != length || !v.All(char.IsAsciiLetterUpper))
        {
            Problem(column, $"is not {what} ({length} capital letters): {Shown(v)}");
            return null;
        }
        return v;
    }

    /// <summary>A value quoted in a message, cut short so that a hostile cell cannot flood the report.</summary>
    internal static string Shown(string v) => "\"" + (v.Length <= 40 ? v : v[..40] + "…") + "\"";

    private static bool IsPlainText(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[0-9]{1,10}(\.[0-9]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyShape();
}
