using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tally.Web.Features.Leads;

/// <summary>
/// Where a page of leads ends: the sort it belongs to, the last row's sort key and its id. Opaque
/// to callers (base64url of a small JSON array); a cursor that does not decode is a 400, never a
/// guess. Timestamps travel as ticks, so the microseconds PostgreSQL keeps survive the round trip.
/// </summary>
public sealed record LeadCursor(string Sort, string[] Key, Guid Id)
{
    public string Encode()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new[] { Sort }.Concat(Key).Append(Id.ToString()).ToArray());
        return Base64Url.EncodeToString(json);
    }

    public static LeadCursor? Decode(string text)
    {
        if (text.Length > 1200)
        {
            return null;
        }
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(text));
            if (parts is null || parts.Length < 3 || parts.Any(p => p is null) || !Guid.TryParseExact(parts[^1], "D", out var id))
            {
                return null;
            }
            var cursor = new LeadCursor(parts[0], parts[1..^1], id);
            return cursor.IsWellFormed() ? cursor : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The cursor after this row, in this sort.</summary>
    public static LeadCursor After(string sort, LeadSummary row) => sort switch
    {
        "event" => new(sort, [row.EventDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "infinity"], row.Id),
        "name" => new(sort, [row.LastName ?? "", row.FirstName], row.Id),
        _ => new(sort, [row.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)], row.Id),
    };

    public DateTime CreatedAt => new(long.Parse(Key[0], CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private bool IsWellFormed() => Sort switch
    {
        "newest" or "oldest" => Key.Length == 1 && long.TryParse(Key[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks,
        "event" => Key.Length == 1 && (Key[0] == "infinity" || DateOnly.TryParseExact(Key[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)),
        "name" => Key.Length == 2 && Key.All(k => k.Length <= 200 && !k.Contains('\0', StringComparison.Ordinal)),
        _ => false,
    };
}
