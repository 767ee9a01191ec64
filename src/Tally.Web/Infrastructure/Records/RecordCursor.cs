using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Tally.Web.Infrastructure.Records;

/// <summary>
/// The position after the last row of a keyset page: the sort key of that row (an instant, or none
/// for rows without one) and its id, which breaks ties. Opaque to callers (base64url), so the order
/// can change without breaking their links in a way they could depend on.
/// </summary>
public readonly record struct RecordCursor(DateTime? At, Guid Id)
{
    public string Encode()
    {
        var at = At is { } instant ? instant.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture) : "-";
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{at}.{Id:N}"));
    }

    /// <summary>Reads a cursor made by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string? text, out RecordCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 100 || !Base64Url.IsValid(text))
        {
            return false;
        }
        string plain;
        try
        {
            plain = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        if (dot < 1 || !Guid.TryParseExact(plain[(dot + 1)..], "N", out var id))
        {
            return false;
        }
        var at = plain[..dot];
        if (at == "-")
        {
            cursor = new RecordCursor(null, id);
            return true;
        }
        if (!long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }
        cursor = new RecordCursor(new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }
}
