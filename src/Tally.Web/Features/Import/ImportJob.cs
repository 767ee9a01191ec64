using Tally.Data.Import;

namespace Tally.Web.Features.Import;

/// <summary>Where an uploaded file is in its life: checked (the dry run), being imported, or done.</summary>
public enum ImportJobState
{
    Uploaded,
    Checked,
    Running,
    Imported,
    Failed,
}

/// <summary>
/// One uploaded file of one team member of one studio, from upload to import. Only its uploader may
/// see it (the pages answer 404 to anyone else). The state is changed under the job's lock.
/// </summary>
public sealed class ImportJob(string token, ImportKind kind, Guid studioId, Guid userId, string path, string fileName, DateTimeOffset created)
{
    public string Token { get; } = token;
    public ImportKind Kind { get; } = kind;
    public Guid StudioId { get; } = studioId;
    public Guid UserId { get; } = userId;
    public string Path { get; } = path;
    public string FileName { get; } = fileName;
    public DateTimeOffset Created { get; } = created;

    public ImportJobState State { get; set; } = ImportJobState.Uploaded;

    /// <summary>The dry run's result (after the check) or the import's (after the import).</summary>
    public ImportResult? Result { get; set; }

    public ImportProgress Progress { get; set; }

    /// <summary>Why the import failed, in words for the page.</summary>
    public string? Failure { get; set; }

    public object Gate { get; } = new();
}
