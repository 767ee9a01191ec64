using System.Security.Cryptography;
using System.Text;
using Dapper;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Search;

/// <summary>
/// search_results_cache: the whole ranked candidate list of a search, stored on the first request
/// for a later page, so paging through a broad result reads rows by key instead of searching again.
/// Page 1 (the search box, as you type) never touches it: see docs/search.md for the measurements.
/// </summary>
internal static class SearchCache
{
    /// <summary>
    /// Who asks is part of the key: row-level security makes results differ per member and role. So
    /// is the candidate cap, which the page size chooses (SearchSql.CandidatesFor).
    /// </summary>
    public static string Hash(RequestClaims claims, ParsedSearch search, SearchFilters filters, IReadOnlyList<string> types, int candidates)
    {
        var key = string.Join('\n', claims.UserId, claims.Role, search.Canonical, string.Join(',', types), filters.Canonical, candidates);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>One page of a cached result; null when nothing live is cached for the hash.</summary>
    public static async Task<List<SearchQueries.CandidateRow>?> PageAsync(TallyDb db, Guid studio, Guid user, string hash, int take, int offset, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = (await conn.QueryAsync<SearchQueries.CandidateRow>(new CommandDefinition("""
            SELECT entity_type AS type, entity_id AS id, relevance::float8 AS rank FROM search_results_cache
            WHERE studio_id = @studio AND admin_user_id = @user AND search_hash = @hash AND expires_at > now()
            ORDER BY relevance DESC, entity_id
            LIMIT @take OFFSET @offset
            """, new { studio, user, hash, take, offset }, cancellationToken: ct))).AsList();
        if (rows.Count > 0)
        {
            return rows;
        }
        var cached = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM search_results_cache
                           WHERE studio_id = @studio AND admin_user_id = @user AND search_hash = @hash AND expires_at > now())
            """, new { studio, user, hash }, cancellationToken: ct));
        return cached ? [] : null;
    }

    public static async Task StoreAsync(TallyDb db, Guid studio, Guid user, string hash, IReadOnlyList<SearchQueries.CandidateRow> all, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO search_results_cache (studio_id, admin_user_id, search_hash, entity_type, entity_id, relevance)
            SELECT @studio, @user, @hash, h.type, h.id, round(h.rank::numeric, 6)
            FROM unnest(@types::text[], @ids::uuid[], @ranks::float8[]) AS h(type, id, rank)
            ON CONFLICT (studio_id, admin_user_id, search_hash, entity_type, entity_id)
            DO UPDATE SET relevance = excluded.relevance, created_at = now(), expires_at = now() + interval '1 hour'
            """,
            new
            {
                studio,
                user,
                hash,
                types = all.Select(h => h.Type).ToArray(),
                ids = all.Select(h => h.Id).ToArray(),
                ranks = all.Select(h => Math.Min(h.Rank, 9999)).ToArray(),
            },
            cancellationToken: ct));
    }
}
