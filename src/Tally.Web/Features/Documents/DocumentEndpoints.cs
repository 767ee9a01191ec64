using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tally.Web.Features.Timelines;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Documents;

/// <summary>
/// /api/v1/studios/{slug}/{leads|clients|sessions}/{id}/documents: list, upload (multipart), download
/// and delete. The team reads what row-level security shows it; owners and admins write, staff add
/// files to the leads assigned to them.
/// </summary>
internal static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder api)
    {
        var settings = api.ServiceProvider.GetRequiredService<IOptions<DocumentSettings>>().Value;
        foreach (var kind in Enum.GetValues<DocumentOwnerKind>())
        {
            var noun = DocumentOwners.Noun(kind);
            var group = api.MapGroup($"/studios/{{slug}}/{DocumentOwners.Segment(kind)}/{{id:guid}}/documents").WithTags("Documents");
            group.MapGet("/", (string slug, Guid id, TallyDb db, CancellationToken ct) => ListAsync(slug, kind, id, db, ct))
                .WithName($"List{kind}Documents")
                .WithSummary($"List a {noun}'s documents")
                .WithDescription(kind == DocumentOwnerKind.Client
                    ? "The client's documents, those of the client's sessions included, newest first."
                    : $"The {noun}'s documents, newest first.")
                .ProducesProblem(StatusCodes.Status404NotFound);
            group.MapPost("/", (string slug, Guid id, HttpContext http, TallyDb db, DocumentStore store, CancellationToken ct) => UploadAsync(slug, kind, id, http, db, store, ct))
                .WithName($"Upload{kind}Document")
                .WithSummary($"Upload a document to a {noun}")
                .WithDescription($"""
                    multipart/form-data with the file in the field `file`; optional `name` (the name to show; the file's own name otherwise){(kind == DocumentOwnerKind.Lead ? "" : " and `kind` (contract, invoice, questionnaire, shot_list, model_release, moodboard or other)")}.
                    At most {DocumentUpload.Megabytes(settings.MaxBytes)} (413 beyond). The type is read from the content: {DocumentContent.AcceptedList};
                    a file whose content does not match its name (a .pdf that is HTML) is refused with 415. Names are cleaned of paths and control characters.
                    Signed in with the team cookie rather than a bearer token, the request needs the antiforgery token too.
                    """)
                .Produces<DocumentInfo>(StatusCodes.Status201Created)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .AddOpenApiOperationTransformer((operation, _, _) =>
                {
                    operation.RequestBody = DocumentOpenApi.UploadBody(kind != DocumentOwnerKind.Lead);
                    return Task.CompletedTask;
                })
                .DisableAntiforgery()
                .WithMetadata(new RequestSizeLimitAttribute(settings.MaxRequestBytes))
                .WithFormOptions(multipartBodyLengthLimit: settings.MaxRequestBytes);
            group.MapGet("/{documentId:guid}", (string slug, Guid id, Guid documentId, TallyDb db, DocumentStore store, HttpContext http, CancellationToken ct) =>
                    DownloadAsync(slug, kind, id, documentId, db, store, http, ct))
                .WithName($"Download{kind}Document")
                .WithSummary($"Download a {noun}'s document")
                .WithDescription("The file, as an attachment under its name (RFC 6266/5987 filename*), with the content type found at upload and nosniff.")
                .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
                .ProducesProblem(StatusCodes.Status404NotFound);
            group.MapDelete("/{documentId:guid}", (string slug, Guid id, Guid documentId, TallyDb db, DocumentStore store, CancellationToken ct) =>
                    DeleteAsync(slug, kind, id, documentId, db, store, ct))
                .WithName($"Delete{kind}Document")
                .WithSummary($"Delete a {noun}'s document")
                .WithDescription("Removes the row, then the file. 403 for a team member who may read the document but not delete it.")
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
        }
        return api;
    }

    public static async Task<Results<Ok<List<DocumentInfo>>, ProblemHttpResult>> ListAsync(string slug, DocumentOwnerKind kind, Guid id, TallyDb db, CancellationToken ct)
    {
        if (!await TimelineEndpoints.IsOwnStudioAsync(db, slug, ct))
        {
            return TimelineEndpoints.NoStudio(slug);
        }
        if (await DocumentQueries.OwnerAsync(db, kind, id, ct) is null)
        {
            return NoOwner(kind);
        }
        return TypedResults.Ok(await DocumentQueries.ListAsync(db, kind, id, ct));
    }

    public static async Task<Results<Created<DocumentInfo>, ProblemHttpResult>> UploadAsync(
        string slug, DocumentOwnerKind kind, Guid id, HttpContext http, TallyDb db, DocumentStore store, CancellationToken ct)
    {
        if (!await TimelineEndpoints.IsOwnStudioAsync(db, slug, ct))
        {
            return TimelineEndpoints.NoStudio(slug);
        }
        // A cross-site form can carry the team cookie, not a bearer token: cookie callers prove the page is ours.
        var bearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var result = await DocumentUpload.ReceiveAsync(http, db, store, kind, id, checkAntiforgery: !bearer, ct);
        if (result.Document is { } document)
        {
            return TypedResults.Created(DocumentOwners.DownloadPath(slug, kind, id, document.Id), document);
        }
        var problem = TypedResults.Problem(statusCode: result.StatusCode, detail: result.Message);
        if (result.Field is { } field)
        {
            problem.ProblemDetails.Extensions["field"] = field;
        }
        return problem;
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadAsync(
        string slug, DocumentOwnerKind kind, Guid id, Guid documentId, TallyDb db, DocumentStore store, HttpContext http, CancellationToken ct)
    {
        if (!await TimelineEndpoints.IsOwnStudioAsync(db, slug, ct))
        {
            return TimelineEndpoints.NoStudio(slug);
        }
        var document = await DocumentQueries.FindAsync(db, kind, id, documentId, ct);
        return document is null ? NoDocument() : Send(document, store, http);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string slug, DocumentOwnerKind kind, Guid id, Guid documentId, TallyDb db, DocumentStore store, CancellationToken ct)
    {
        if (!await TimelineEndpoints.IsOwnStudioAsync(db, slug, ct))
        {
            return TimelineEndpoints.NoStudio(slug);
        }
        return await DeleteDocumentAsync(db, store, kind, id, documentId, ct) switch
        {
            true => TypedResults.NoContent(),
            false => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only owners and admins can delete documents."),
            null => NoDocument(),
        };
    }

    /// <summary>True: deleted; false: visible but not the caller's to delete; null: not found.</summary>
    internal static async Task<bool?> DeleteDocumentAsync(TallyDb db, DocumentStore store, DocumentOwnerKind kind, Guid ownerId, Guid documentId, CancellationToken ct)
    {
        if (await DocumentQueries.FindAsync(db, kind, ownerId, documentId, ct) is null)
        {
            return null;
        }
        if (await DocumentQueries.DeleteAsync(db, kind, ownerId, documentId, ct) is not { } key)
        {
            return false;
        }
        // The row goes first and for good; then the file. A failed commit leaves both.
        await db.CommitAsync(ct);
        store.DeleteKey(key);
        return true;
    }

    /// <summary>The file as an attachment: never rendered by the browser, whatever it holds.</summary>
    internal static Results<PhysicalFileHttpResult, ProblemHttpResult> Send(StoredDocument document, DocumentStore store, HttpContext http)
    {
        if (store.PathOf(document.StorageKey) is not { } path || !File.Exists(path))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "File missing",
                detail: "The record of this document exists, but its file is not in this installation's storage.");
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.PhysicalFile(path, document.ContentType, document.FileName, enableRangeProcessing: true);
    }

    private static ProblemHttpResult NoOwner(DocumentOwnerKind kind) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no {DocumentOwners.Noun(kind)} of your studio with that id.");

    private static ProblemHttpResult NoDocument() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no such document here.");
}
