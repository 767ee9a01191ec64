using System.Text.Json;
using Dapper;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Search;

/// <summary>saved_searches through the request's transaction: row-level security keeps each member to their own.</summary>
internal static class SavedSearchQueries
{
    private sealed record Row(Guid Id, string Name, string EntityType, string Criteria, bool IsDefault, DateTime CreatedAt, DateTime UpdatedAt);

    private const string Columns = """
        SELECT id, name, entity_type AS entitytype, criteria::text AS criteria, is_default AS isdefault,
               created_at AS createdat, updated_at AS updatedat
        FROM saved_searches
        """;

    public static async Task<List<SavedSearch>> ListAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(
            Columns + " WHERE studio_id = @studio AND admin_user_id = @user ORDER BY entity_type, lower(name)",
            new { studio = db.Claims.StudioId, user = db.Claims.UserId }, cancellationToken: ct));
        return rows.Select(Map).ToList();
    }

    /// <summary>The member's default search of an entity type (all, leads, clients or sessions), if any.</summary>
    public static async Task<SavedSearch?> DefaultAsync(TallyDb db, string entityType, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Columns + " WHERE studio_id = @studio AND admin_user_id = @user AND entity_type = @entityType AND is_default",
            new { studio = db.Claims.StudioId, user = db.Claims.UserId, entityType }, cancellationToken: ct));
        return row is null ? null : Map(row);
    }

    public static async Task<SavedSearch?> FindAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Columns + " WHERE studio_id = @studio AND id = @id", new { studio = db.Claims.StudioId, id }, cancellationToken: ct));
        return row is null ? null : Map(row);
    }

    public static async Task<SavedSearch> CreateAsync(TallyDb db, string name, string entityType, SavedSearchCriteria criteria, bool isDefault, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var id = Guid.CreateVersion7();
        if (isDefault)
        {
            await ClearDefaultAsync(db, entityType, ct);
        }
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO saved_searches (studio_id, id, admin_user_id, name, entity_type, criteria, is_default)
            VALUES (@studio, @id, @user, @name, @entityType, @criteria::jsonb, @isDefault)
            """,
            new { studio = db.Claims.StudioId, id, user = db.Claims.UserId, name = name.Trim(), entityType, criteria = JsonSerializer.Serialize(criteria), isDefault },
            cancellationToken: ct));
        return (await FindAsync(db, id, ct))!;
    }

    /// <summary>Renames and/or (un)marks as default; null when there is no such search of the caller's.</summary>
    public static async Task<SavedSearch?> UpdateAsync(TallyDb db, Guid id, string? name, bool? isDefault, CancellationToken ct)
    {
        var existing = await FindAsync(db, id, ct);
        if (existing is null)
        {
            return null;
        }
        if (isDefault == true && !existing.IsDefault)
        {
            // One default per (member, type): the partial unique index refuses a second one, so the
            // old default is cleared first, in the same transaction.
            await ClearDefaultAsync(db, existing.EntityType, ct);
        }
        var conn = await db.ConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE saved_searches SET name = coalesce(@name, name), is_default = coalesce(@isDefault, is_default)
            WHERE studio_id = @studio AND id = @id
            """, new { studio = db.Claims.StudioId, id, name = name?.Trim(), isDefault }, cancellationToken: ct));
        return await FindAsync(db, id, ct);
    }

    public static async Task<bool> DeleteAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM saved_searches WHERE studio_id = @studio AND id = @id",
            new { studio = db.Claims.StudioId, id }, cancellationToken: ct)) > 0;
    }

    private static async Task ClearDefaultAsync(TallyDb db, string entityType, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE saved_searches SET is_default = false
            WHERE studio_id = @studio AND admin_user_id = @user AND entity_type = @entityType AND is_default
            """, new { studio = db.Claims.StudioId, user = db.Claims.UserId, entityType }, cancellationToken: ct));
    }

    private static SavedSearch Map(Row r) => new(
        r.Id, r.Name, r.EntityType,
        JsonSerializer.Deserialize<SavedSearchCriteria>(r.Criteria) ?? new SavedSearchCriteria("", null),
        r.IsDefault, r.CreatedAt, r.UpdatedAt);
}
