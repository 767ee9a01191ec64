using Microsoft.AspNetCore.Antiforgery;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Documents;

/// <summary>How an upload ended; each maps to one status code and one sentence.</summary>
internal enum UploadStatus
{
    Created,
    NotFound,
    TooLarge,
    Invalid,
    Unsupported,
    Forbidden,
    Antiforgery,
}

internal sealed record UploadResult(UploadStatus Status, string Message, DocumentInfo? Document = null, string? Field = null)
{
    public int StatusCode => Status switch
    {
        UploadStatus.Created => StatusCodes.Status201Created,
        UploadStatus.NotFound => StatusCodes.Status404NotFound,
        UploadStatus.TooLarge => StatusCodes.Status413PayloadTooLarge,
        UploadStatus.Unsupported => StatusCodes.Status415UnsupportedMediaType,
        UploadStatus.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };
}

/// <summary>
/// One upload, the same for the API and the pages: size first (before reading a byte), then the
/// owner, then the bytes to a temporary file, the type by content, the row, the file into place and
/// the commit. Whatever fails, no file stays behind without its row, and no row without its file.
/// </summary>
internal static class DocumentUpload
{
    public const string FileField = "file";
    public const string NameField = "name";
    public const string KindField = "kind";

    public static async Task<UploadResult> ReceiveAsync(HttpContext http, TallyDb db, DocumentStore store, DocumentOwnerKind kind, Guid ownerId,
        bool checkAntiforgery, CancellationToken ct)
    {
        var settings = store.Settings;
        var request = http.Request;
        if (request.ContentLength > settings.MaxRequestBytes)
        {
            return TooLarge(settings);
        }
        if (!request.HasFormContentType)
        {
            return new(UploadStatus.Invalid, $"Send the file as multipart/form-data, in a field named “{FileField}”.", Field: FileField);
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(settings);
        }
        catch (InvalidDataException)
        {
            // The form reader's own limits (multipart body length, section headers).
            return TooLarge(settings);
        }
        if (checkAntiforgery && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return new(UploadStatus.Antiforgery, "The form has expired or did not come from this site. Reload the page and try again.");
        }
        if (await DocumentQueries.OwnerAsync(db, kind, ownerId, ct) is not { } owner)
        {
            return new(UploadStatus.NotFound, $"There is no {DocumentOwners.Noun(kind)} of your studio with that id.");
        }
        if (form.Files.GetFile(FileField) is not { } upload)
        {
            return new(UploadStatus.Invalid, "Choose a file to upload.", Field: FileField);
        }
        if (upload.Length == 0)
        {
            return new(UploadStatus.Invalid, "The file is empty.", Field: FileField);
        }
        if (upload.Length > settings.MaxBytes)
        {
            return TooLarge(settings);
        }
        string? documentKind = null;
        if (kind != DocumentOwnerKind.Lead)
        {
            documentKind = string.IsNullOrWhiteSpace(form[KindField]) ? "other" : form[KindField].ToString().Trim();
            if (!DocumentOwners.Kinds.Contains(documentKind, StringComparer.Ordinal))
            {
                return new(UploadStatus.Invalid, $"The kind must be one of: {string.Join(", ", DocumentOwners.Kinds)}.", Field: KindField);
            }
        }
        var given = form[NameField].ToString();
        var name = DocumentNames.Sanitize(string.IsNullOrWhiteSpace(given) ? upload.FileName : given);

        var studioId = db.Claims.StudioId!.Value;
        ReceivedFile? file;
        await using (var source = upload.OpenReadStream())
        {
            file = await store.ReceiveAsync(studioId, source, settings.MaxBytes, ct);
        }
        if (file is null)
        {
            return TooLarge(settings);
        }
        string? placed = null;
        try
        {
            var (type, problem) = DocumentContent.Identify(name, file.Head, file.IsText);
            if (type is null)
            {
                return new(UploadStatus.Unsupported, problem!, Field: FileField);
            }
            var id = Guid.CreateVersion7();
            var key = DocumentStore.NewKey(studioId);
            var conn = await db.ConnectionAsync(ct);
            await using (var savepoint = new NpgsqlCommand("SAVEPOINT document_upload", conn))
            {
                await savepoint.ExecuteNonQueryAsync(ct);
            }
            try
            {
                await DocumentQueries.InsertAsync(db, owner, id, name, type.ContentType, documentKind, file, key, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                // Row-level security refused the row: staff on a lead not theirs, or on a client's file.
                await using var rollback = new NpgsqlCommand("ROLLBACK TO SAVEPOINT document_upload", conn);
                await rollback.ExecuteNonQueryAsync(ct);
                return new(UploadStatus.Forbidden, $"You may not add documents to this {DocumentOwners.Noun(kind)}.");
            }
            store.Commit(file, key);
            placed = store.PathOf(key);
            // Committed here, not as the response starts: once the row is in, the file must be too, and
            // a failed commit must take the file away again (the catch below).
            await db.CommitAsync(ct);
            placed = null;
            var info = new DocumentInfo(id, name, type.ContentType, file.Length, documentKind,
                kind == DocumentOwnerKind.Lead ? null : owner.ClientId, kind == DocumentOwnerKind.Session ? owner.Id : null,
                file.Sha256, null, DateTime.UtcNow);
            return new(UploadStatus.Created, $"“{name}” was uploaded.", info);
        }
        finally
        {
            DocumentStore.Delete(file.TempPath);
            DocumentStore.Delete(placed);
        }
    }

    private static UploadResult TooLarge(DocumentSettings settings) =>
        new(UploadStatus.TooLarge, $"The file is too large: the limit is {Megabytes(settings.MaxBytes)}.", Field: FileField);

    public static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";
}
