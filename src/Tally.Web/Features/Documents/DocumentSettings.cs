namespace Tally.Web.Features.Documents;

/// <summary>
/// Where uploaded files are kept and how large they may be, from configuration section Documents
/// (environment Documents__Directory, Documents__MaxBytes).
/// </summary>
public sealed class DocumentSettings
{
    public const string Section = "Documents";

    /// <summary>25 MB: a signed contract scan or a phone photo, not a gallery (galleries have their own storage).</summary>
    public const long DefaultMaxBytes = 25L * 1024 * 1024;

    /// <summary>The folder of the files, one subfolder per studio. Unset: $TALLY_HOME/documents.</summary>
    public string? Directory { get; set; }

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>What a multipart request may add around the file (boundaries, headers, the other fields).</summary>
    public const long FormOverheadBytes = 64 * 1024;

    public long MaxRequestBytes => MaxBytes + FormOverheadBytes;
}
