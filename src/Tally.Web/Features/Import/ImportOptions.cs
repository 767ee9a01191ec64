namespace Tally.Web.Features.Import;

/// <summary>Limits of the import pages, from configuration section Tally:Import.</summary>
public sealed class ImportOptions
{
    public const string Section = "Tally:Import";

    /// <summary>The largest file the pages take (bytes). 50,000 leads are about 10 MB.</summary>
    public long MaxFileBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Where uploaded files wait between the check and the import; default: a folder under the system's temp.</summary>
    public string? Folder { get; set; }

    /// <summary>How long an upload (checked, imported or not) is kept.</summary>
    public TimeSpan Keep { get; set; } = TimeSpan.FromHours(1);
}
