using System.Globalization;
using System.Text;

namespace Tally.Web.Features.Documents;

/// <summary>
/// The name a document is shown and downloaded under. Only ever a label: the file on disk has a
/// name of the server's. Still cleaned, since it is echoed in pages and Content-Disposition headers.
/// </summary>
internal static class DocumentNames
{
    public const int MaxLength = 200;

    public const string Fallback = "document";

    /// <summary>
    /// The last segment of a path (browsers of old sent C:\…), without control, format or unpaired
    /// surrogate characters, spaces collapsed, no leading dots or trailing dots and spaces, at most
    /// <see cref="MaxLength"/> characters with the extension kept; "document" when nothing is left.
    /// </summary>
    public static string Sanitize(string? raw)
    {
        var value = raw ?? "";
        var cut = value.LastIndexOfAny(['/', '\\']);
        if (cut >= 0)
        {
            value = value[(cut + 1)..];
        }
        var clean = new StringBuilder(value.Length);
        var space = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                clean.Append(c).Append(value[++i]);
                space = false;
                continue;
            }
            // Line breaks and tabs become one space, like any other run of white space.
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    clean.Append(' ');
                }
                space = true;
                continue;
            }
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }
            clean.Append(c);
            space = false;
        }
        var name = Compose(clean.ToString()).TrimStart('.', ' ').TrimEnd('.', ' ');
        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length is > 1 and <= 16 ? extension : "";
            name = Truncate(name[..^extension.Length], MaxLength - extension.Length).TrimEnd('.', ' ') + extension;
        }
        return name.Length == 0 ? Fallback : name;
    }

    /// <summary>NFC, so one name is stored one way; a string the normaliser refuses stays as it is.</summary>
    private static string Compose(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return value;
        }
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, never splitting a character made of several.</summary>
    private static string Truncate(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }
        var end = 0;
        var elements = StringInfo.GetTextElementEnumerator(value);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + elements.GetTextElement().Length;
            if (next > max)
            {
                break;
            }
            end = next;
        }
        return value[..end];
    }
}
