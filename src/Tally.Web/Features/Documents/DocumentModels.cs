using System.ComponentModel;

namespace Tally.Web.Features.Documents;

/// <summary>What a document hangs off.</summary>
public enum DocumentOwnerKind
{
    Lead,
    Client,
    Session,
}

/// <summary>A lead, client or session as the documents pages name it.</summary>
/// <param name="ClientId">A session's client (its documents are filed under both).</param>
public sealed record DocumentOwner(DocumentOwnerKind Kind, Guid Id, string Name, Guid? ClientId);

/// <summary>One stored document.</summary>
public sealed record DocumentInfo(
    Guid Id,
    [property: Description("The name it is shown and downloaded under (cleaned of paths and control characters).")] string FileName,
    [property: Description("The type found in the file's content, such as application/pdf.")] string ContentType,
    long ByteSize,
    [property: Description("contract, invoice, questionnaire, shot_list, model_release, moodboard or other; null for a lead's document.")] string? Kind,
    Guid? ClientId,
    Guid? SessionId,
    string? Sha256,
    string? UploadedBy,
    DateTime CreatedAt);

internal static class DocumentOwners
{
    public static string Segment(DocumentOwnerKind kind) => kind switch
    {
        DocumentOwnerKind.Lead => "leads",
        DocumentOwnerKind.Client => "clients",
        _ => "sessions",
    };

    public static string Noun(DocumentOwnerKind kind) => kind switch
    {
        DocumentOwnerKind.Lead => "lead",
        DocumentOwnerKind.Client => "client",
        _ => "session",
    };

    public static readonly string[] Kinds = ["contract", "invoice", "questionnaire", "shot_list", "model_release", "moodboard", "other"];

    /// <summary>The admin app's page of an owner's documents.</summary>
    public static string PagePath(DocumentOwnerKind kind, Guid id) => $"/{Segment(kind)}/{id}/documents";

    /// <summary>The API's download address of a document (the pages link to it; the team cookie works there too).</summary>
    public static string DownloadPath(string slug, DocumentOwnerKind kind, Guid ownerId, Guid documentId) =>
        $"/api/v1/studios/{slug}/{Segment(kind)}/{ownerId}/documents/{documentId}";
}
