using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Documents;

/// <summary>
/// The form posts of the documents pages (/leads|clients|sessions/{id}/documents): upload and delete.
/// Each answers with a redirect back to the page and a code that the page turns into a message.
/// </summary>
internal static class DocumentForms
{
    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["uploaded"] = "The file was uploaded.",
        ["deleted"] = "The document was deleted.",
        ["too-large"] = "The file is too large.",
        ["invalid"] = "Choose a file to upload; it may not be empty.",
        ["kind"] = "Choose one of the listed kinds.",
        ["type"] = "That file was refused: its type is not accepted, or its content does not match its name (such as a .pdf that is not a PDF).",
        ["forbidden"] = "You may not change the documents here.",
        ["expired"] = "The form has expired. Reload the page and try again.",
        ["missing"] = "That document is no longer here.",
    };

    public static IEndpointRouteBuilder MapDocumentForms(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<IOptions<DocumentSettings>>().Value;
        foreach (var kind in Enum.GetValues<DocumentOwnerKind>())
        {
            var group = app.MapGroup($"/{DocumentOwners.Segment(kind)}/{{id:guid}}/documents").RequireAuthorization(TallyAuthentication.Team).ExcludeFromDescription();
            group.MapPost("/upload", (Guid id, HttpContext http, TallyDb db, DocumentStore store, CancellationToken ct) => UploadAsync(kind, id, http, db, store, ct))
                .DisableAntiforgery()
                .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(settings.MaxRequestBytes))
                .WithFormOptions(multipartBodyLengthLimit: settings.MaxRequestBytes);
            group.MapPost("/{documentId:guid}/delete", (Guid id, Guid documentId, TallyDb db, DocumentStore store, CancellationToken ct) => DeleteAsync(kind, id, documentId, db, store, ct))
                .RequireAntiforgery();
        }
        return app;
    }

    private static async Task<RedirectHttpResult> UploadAsync(DocumentOwnerKind kind, Guid id, HttpContext http, TallyDb db, DocumentStore store, CancellationToken ct)
    {
        // The form is checked for its antiforgery token by ReceiveAsync, after the size (so a huge body is refused unread).
        var result = await DocumentUpload.ReceiveAsync(http, db, store, kind, id, checkAntiforgery: true, ct);
        var code = result.Status switch
        {
            UploadStatus.Created => "uploaded",
            UploadStatus.TooLarge => "too-large",
            UploadStatus.Unsupported => "type",
            UploadStatus.Forbidden => "forbidden",
            UploadStatus.Antiforgery => "expired",
            UploadStatus.NotFound => "missing",
            _ => result.Field == DocumentUpload.KindField ? "kind" : "invalid",
        };
        return Done(kind, id, result.Status == UploadStatus.Created ? "done" : "problem", code);
    }

    private static async Task<RedirectHttpResult> DeleteAsync(DocumentOwnerKind kind, Guid id, Guid documentId, TallyDb db, DocumentStore store, CancellationToken ct) =>
        await DocumentEndpoints.DeleteDocumentAsync(db, store, kind, id, documentId, ct) switch
        {
            true => Done(kind, id, "done", "deleted"),
            false => Done(kind, id, "problem", "forbidden"),
            null => Done(kind, id, "problem", "missing"),
        };

    private static RedirectHttpResult Done(DocumentOwnerKind kind, Guid id, string key, string code) =>
        TypedResults.Redirect($"{DocumentOwners.PagePath(kind, id)}?{key}={code}");
}
