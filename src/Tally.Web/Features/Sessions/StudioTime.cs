using System.Globalization;
using Tally.Web.Features.Studios;

namespace Tally.Web.Features.Sessions;

/// <summary>
/// Instants and the studio's wall clock (studios.timezone, an IANA name): what a person types and
/// reads is local to the studio; what is stored is an instant (timestamptz).
/// </summary>
public static class StudioTime
{
    public static TimeZoneInfo Zone(Studio studio) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(studio.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>
    /// The instant of a wall-clock time; null for a time the clocks skip (spring forward). A time
    /// that happens twice (fall back) is read as the first, daylight one.
    /// </summary>
    public static DateTime? ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The instant a day starts in the zone (midnight, or the first minute after it when the clocks skip midnight).</summary>
    public static DateTime StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        for (var i = 0; i < 24 * 4; i++)
        {
            if (ToUtc(local.AddMinutes(15 * i), zone) is { } utc)
            {
                return utc;
            }
        }
        return DateTime.SpecifyKind(local, DateTimeKind.Utc);
    }

    public static DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(DateTime.UtcNow, zone));

    /// <summary>"2026-W24" → the Monday of that ISO week; null when malformed.</summary>
    public static DateOnly? ParseWeek(string? week)
    {
        if (week is not { Length: 8 } || week[4] != '-' || week[5] != 'W'
            || !int.TryParse(week.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(week.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 1900 or > 2200 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return null;
        }
        return DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday));
    }

    /// <summary>The ISO week of a day, as "2026-W24".</summary>
    public static string Week(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date):D4}-W{ISOWeek.GetWeekOfYear(date):D2}");
    }

    /// <summary>The Monday of the ISO week holding <paramref name="day"/>.</summary>
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
