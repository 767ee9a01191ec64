using System.Text;

namespace Tally.Web.Features.Documents;

/// <summary>A type of file Tally keeps: its content type, a name for people and the extensions it goes by.</summary>
internal sealed record DocumentType(string ContentType, string Label, string[] Extensions);

/// <summary>
/// Which files are accepted, decided by their content (magic bytes), not by the name or the
/// Content-Type the browser sent: a file named .pdf must be a PDF. Served back with the type found
/// here, as an attachment, with nosniff.
/// </summary>
internal static class DocumentContent
{
    public static readonly DocumentType Pdf = new("application/pdf", "a PDF document", [".pdf"]);
    public static readonly DocumentType Jpeg = new("image/jpeg", "a JPEG image", [".jpg", ".jpeg"]);
    public static readonly DocumentType Png = new("image/png", "a PNG image", [".png"]);
    public static readonly DocumentType Heic = new("image/heic", "a HEIC image", [".heic", ".heif"]);
    public static readonly DocumentType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a Word document", [".docx"]);
    public static readonly DocumentType Zip = new("application/zip", "a ZIP archive", [".zip"]);
    public static readonly DocumentType Text = new("text/plain", "plain text", [".txt", ".text", ".md", ".csv"]);

    public static readonly DocumentType[] All = [Pdf, Jpeg, Png, Heic, Docx, Zip, Text];

    public const string AcceptedList = "PDF, JPEG, PNG, HEIC, Word (.docx), ZIP and plain text (.txt, .md, .csv)";

    /// <summary>The accept attribute of the upload forms: a hint for the file picker, not a check.</summary>
    public static readonly string AcceptAttribute = string.Join(',', All.SelectMany(t => t.Extensions));

    /// <summary>The type of a received file named <paramref name="fileName"/>, or why it is refused.</summary>
    public static (DocumentType? Type, string? Problem) Identify(string fileName, byte[] head, bool isText)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var claimed = extension.Length == 0 ? null : All.FirstOrDefault(t => t.Extensions.Contains(extension, StringComparer.Ordinal));
        if (extension.Length > 0 && claimed is null)
        {
            return (null, $"Files ending in {extension} are not accepted. Upload {AcceptedList}.");
        }
        var found = ByContent(head, isText, extension);
        if (found is null)
        {
            return (null, claimed is null
                ? $"The file's content is not of a type Tally keeps. Upload {AcceptedList}."
                : $"The file is named {extension} but its content is not {claimed.Label}.");
        }
        if (claimed is not null && claimed != found)
        {
            return (null, $"The file is named {extension} but its content is {found.Label}, not {claimed.Label}.");
        }
        return (found, null);
    }

    private static DocumentType? ByContent(ReadOnlySpan<byte> head, bool isText, string extension)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && IsHeifBrand(head[8..12]))
        {
            return Heic;
        }
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            // A .docx is a ZIP whose parts say so; a ZIP named .docx without them is not one.
            return extension == ".docx" && (Contains(head, "[Content_Types].xml"u8) || Contains(head, "word/"u8)) ? Docx : Zip;
        }
        if (isText && !head.IsEmpty && !LooksLikeMarkup(head))
        {
            return Text;
        }
        return null;
    }

    private static bool IsHeifBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("hevx"u8)
        || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8);

    private static bool Contains(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle) >= 0;

    /// <summary>HTML, SVG or XML passed off as text: a browser could be talked into rendering it.</summary>
    private static bool LooksLikeMarkup(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n', '\f');
        string[] starts = ["<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml", "<iframe", "<meta", "<!--", "<style", "<img", "<a "];
        return starts.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
