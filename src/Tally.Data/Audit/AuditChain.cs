using Dapper;
using Npgsql;

namespace Tally.Data.Audit;

/// <summary>One studio's chain as verified by audit.verify: where it breaks, if it does.</summary>
public sealed record ChainVerification(
    string Slug, bool Ok, long Sealed, long Unsealed, long? BrokenEntryNo, long? BrokenSeq, string? Problem, long HeadSeq, string HeadHash);

/// <summary>A studio's chain head: the last sealed seq and its hash, to keep outside the database.</summary>
public sealed record ChainHead(string Slug, long Seq, string Hash, DateTime? SealedAt);

/// <summary>
/// The audit hash chain from outside the app (decision 0009), as the owner role: seal what is
/// pending, recompute the chain, read the heads. The hashing itself lives in SQL only
/// (audit.row_hash), so these and the background job cannot disagree on it.
/// </summary>
public static class AuditChain
{
    /// <summary>Seals the studio's (or every studio's) pending rows, then verifies each chain.</summary>
    public static async Task<List<ChainVerification>> SealAndVerifyAsync(string ownerConnectionString, string? slug, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        var studios = await StudiosAsync(conn, slug, ct);
        var results = new List<ChainVerification>();
        foreach (var (id, studioSlug) in studios)
        {
            // Sealed to the end in batches: verification then covers every row written so far.
            while (await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT audit.seal(@id, 50000)", new { id }, commandTimeout: 0, cancellationToken: ct)) > 0)
            {
            }
            var v = await conn.QuerySingleAsync<ChainVerification>(new CommandDefinition("""
                SELECT @studioSlug AS slug, ok, sealed, unsealed, broken_entry_no AS brokenentryno, broken_seq AS brokenseq,
                       problem, head_seq AS headseq, head_hash AS headhash
                FROM audit.verify(@id)
                """, new { id, studioSlug }, commandTimeout: 0, cancellationToken: ct));
            results.Add(v);
        }
        return results;
    }

    public static async Task<List<ChainHead>> HeadsAsync(string ownerConnectionString, string? slug, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        var studios = await StudiosAsync(conn, slug, ct);
        var heads = await conn.QueryAsync<ChainHead>(new CommandDefinition("""
            SELECT s.slug, coalesce(h.seq, 0) AS seq,
                   encode(coalesce(h.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea), 'hex') AS hash,
                   h.sealed_at AS sealedat
            FROM studios s LEFT JOIN audit.chain_heads h ON h.studio_id = s.id
            WHERE s.id = ANY (@ids) ORDER BY s.slug
            """, new { ids = studios.Select(s => s.Id).ToArray() }, cancellationToken: ct));
        return heads.AsList();
    }

    private static async Task<List<(Guid Id, string Slug)>> StudiosAsync(NpgsqlConnection conn, string? slug, CancellationToken ct)
    {
        var studios = (await conn.QueryAsync<(Guid, string)>(new CommandDefinition(
            "SELECT id, slug FROM studios WHERE @slug::text IS NULL OR slug = @slug ORDER BY slug", new { slug }, cancellationToken: ct))).AsList();
        if (slug is not null && studios.Count == 0)
        {
            throw new Cluster.UserFacingException($"there is no studio with the slug '{slug}'.");
        }
        return studios;
    }
}
