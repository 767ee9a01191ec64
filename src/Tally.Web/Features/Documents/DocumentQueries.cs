using Dapper;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Documents;

/// <summary>
/// The rows of documents (clients and sessions) and lead_documents (leads). Row-level security
/// decides who sees and writes them; every query also names the request's studio.
/// </summary>
internal static class DocumentQueries
{
    private const string DocumentColumns = """
        SELECT d.id, d.file_name AS filename, d.content_type AS contenttype, d.byte_size AS bytesize, d.kind,
               d.client_id AS clientid, d.session_id AS sessionid, d.sha256, u.full_name AS uploadedby, d.created_at AS createdat, d.storage_key AS storagekey
        FROM documents d LEFT JOIN admin_users u ON u.studio_id = d.studio_id AND u.id = d.uploaded_by
        """;

    private const string LeadColumns = """
        SELECT d.id, d.file_name AS filename, d.content_type AS contenttype, d.byte_size AS bytesize, NULL::text AS kind,
               NULL::uuid AS clientid, NULL::uuid AS sessionid, d.sha256, u.full_name AS uploadedby, d.created_at AS createdat, d.storage_key AS storagekey
        FROM lead_documents d LEFT JOIN admin_users u ON u.studio_id = d.studio_id AND u.id = d.uploaded_by
        """;

    /// <summary>The lead, client or session, if the caller may see it.</summary>
    public static async Task<DocumentOwner?> OwnerAsync(TallyDb db, DocumentOwnerKind kind, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var sql = kind switch
        {
            DocumentOwnerKind.Lead => "SELECT concat_ws(' ', first_name, last_name) AS name, NULL::uuid AS clientid FROM leads WHERE studio_id = @studio AND id = @id",
            DocumentOwnerKind.Client => "SELECT concat_ws(' ', first_name, last_name) AS name, id AS clientid FROM clients WHERE studio_id = @studio AND id = @id",
            _ => "SELECT title AS name, client_id AS clientid FROM sessions WHERE studio_id = @studio AND id = @id",
        };
        var row = await conn.QuerySingleOrDefaultAsync<OwnerRow>(new CommandDefinition(sql, new { studio = db.Claims.StudioId, id }, cancellationToken: ct));
        return row is null ? null : new DocumentOwner(kind, id, row.Name, row.ClientId);
    }

    /// <summary>An owner's documents, newest first. A client's include those of the client's sessions.</summary>
    public static async Task<List<DocumentInfo>> ListAsync(TallyDb db, DocumentOwnerKind kind, Guid ownerId, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var sql = kind switch
        {
            DocumentOwnerKind.Lead => LeadColumns + " WHERE d.studio_id = @studio AND d.lead_id = @ownerId",
            DocumentOwnerKind.Client => DocumentColumns + " WHERE d.studio_id = @studio AND d.client_id = @ownerId",
            _ => DocumentColumns + " WHERE d.studio_id = @studio AND d.session_id = @ownerId",
        };
        var rows = await conn.QueryAsync<StoredDocument>(new CommandDefinition(
            sql + " ORDER BY d.created_at DESC, d.id DESC LIMIT 1000", new { studio = db.Claims.StudioId, ownerId }, cancellationToken: ct));
        return rows.Select(r => r.Info).ToList();
    }

    /// <summary>One document of an owner, with its storage key; null when the caller may not see it.</summary>
    public static async Task<StoredDocument?> FindAsync(TallyDb db, DocumentOwnerKind kind, Guid ownerId, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var sql = kind switch
        {
            DocumentOwnerKind.Lead => LeadColumns + " WHERE d.studio_id = @studio AND d.lead_id = @ownerId AND d.id = @id",
            DocumentOwnerKind.Client => DocumentColumns + " WHERE d.studio_id = @studio AND d.client_id = @ownerId AND d.id = @id",
            _ => DocumentColumns + " WHERE d.studio_id = @studio AND d.session_id = @ownerId AND d.id = @id",
        };
        return await conn.QuerySingleOrDefaultAsync<StoredDocument>(new CommandDefinition(sql, new { studio = db.Claims.StudioId, ownerId, id }, cancellationToken: ct));
    }

    /// <summary>A document by id alone, as the portal asks: row-level security shows a client only their own.</summary>
    public static async Task<StoredDocument?> FindForClientAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<StoredDocument>(new CommandDefinition(
            DocumentColumns + " WHERE d.studio_id = @studio AND d.id = @id AND d.client_id = @client",
            new { studio = db.Claims.StudioId, id, client = db.Claims.ClientId }, cancellationToken: ct));
    }

    /// <summary>The portal's list: the client's own documents, newest first.</summary>
    public static async Task<List<DocumentInfo>> ListForClientAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<StoredDocument>(new CommandDefinition(
            DocumentColumns + " WHERE d.studio_id = @studio AND d.client_id = @client ORDER BY d.created_at DESC, d.id DESC LIMIT 1000",
            new { studio = db.Claims.StudioId, client = db.Claims.ClientId }, cancellationToken: ct));
        return rows.Select(r => r.Info).ToList();
    }

    /// <summary>Inserts the row of a received file. Throws what the database says (row-level security included).</summary>
    public static async Task InsertAsync(TallyDb db, DocumentOwner owner, Guid id, string fileName, string contentType, string? kind,
        ReceivedFile file, string storageKey, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var args = new
        {
            studio = db.Claims.StudioId,
            id,
            ownerId = owner.Id,
            clientId = owner.ClientId,
            fileName,
            contentType,
            kind = kind ?? "other",
            size = file.Length,
            storageKey,
            sha = file.Sha256,
            user = db.Claims.IsTeam ? db.Claims.UserId : null,
        };
        var sql = owner.Kind switch
        {
            DocumentOwnerKind.Lead => """
                INSERT INTO lead_documents (studio_id, id, lead_id, file_name, content_type, byte_size, storage_key, sha256, uploaded_by)
                VALUES (@studio, @id, @ownerId, @fileName, @contentType, @size, @storageKey, @sha, @user)
                """,
            DocumentOwnerKind.Client => """
                INSERT INTO documents (studio_id, id, client_id, kind, file_name, content_type, byte_size, storage_key, sha256, uploaded_by)
                VALUES (@studio, @id, @ownerId, @kind, @fileName, @contentType, @size, @storageKey, @sha, @user)
                """,
            _ => """
                INSERT INTO documents (studio_id, id, client_id, session_id, kind, file_name, content_type, byte_size, storage_key, sha256, uploaded_by)
                VALUES (@studio, @id, @clientId, @ownerId, @kind, @fileName, @contentType, @size, @storageKey, @sha, @user)
                """,
        };
        await conn.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }

    /// <summary>Deletes a document's row; its storage key, or null when nothing was deleted.</summary>
    public static async Task<string?> DeleteAsync(TallyDb db, DocumentOwnerKind kind, Guid ownerId, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var sql = kind switch
        {
            DocumentOwnerKind.Lead => "DELETE FROM lead_documents WHERE studio_id = @studio AND lead_id = @ownerId AND id = @id RETURNING storage_key",
            DocumentOwnerKind.Client => "DELETE FROM documents WHERE studio_id = @studio AND client_id = @ownerId AND id = @id RETURNING storage_key",
            _ => "DELETE FROM documents WHERE studio_id = @studio AND session_id = @ownerId AND id = @id RETURNING storage_key",
        };
        return await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(sql, new { studio = db.Claims.StudioId, ownerId, id }, cancellationToken: ct));
    }

    private sealed record OwnerRow(string Name, Guid? ClientId);
}

/// <summary>A document with where its bytes are.</summary>
internal sealed record StoredDocument(
    Guid Id, string FileName, string ContentType, long ByteSize, string? Kind, Guid? ClientId, Guid? SessionId, string? Sha256,
    string? UploadedBy, DateTime CreatedAt, string StorageKey)
{
    public DocumentInfo Info => new(Id, FileName, ContentType, ByteSize, Kind, ClientId, SessionId, Sha256, UploadedBy, CreatedAt);
}
