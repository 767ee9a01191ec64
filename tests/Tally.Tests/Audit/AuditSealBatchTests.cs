using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Audit;

/// <summary>
/// The set-based seal (migration 0021) writes the very chain the row-by-row seal of 0008 wrote: the
/// same seq for every row and byte-identical hashes, whatever the batch size; and each hash is
/// SHA-256 of the previous hash and the row's canonical content, recomputed here outside the database.
/// </summary>
public sealed class AuditSealBatchTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>The seal of migration 0008, verbatim but for its name: one UPDATE per row.</summary>
    private const string RowByRowSeal = """
        CREATE FUNCTION pg_temp.seal_row_by_row(p_studio uuid, max_rows int DEFAULT 10000) RETURNS int
        LANGUAGE plpgsql AS $$
        DECLARE
          head_seq bigint;
          head_hash bytea;
          r public.audit_log;
          sealed int := 0;
        BEGIN
          INSERT INTO audit.chain_heads (studio_id) VALUES (p_studio) ON CONFLICT (studio_id) DO NOTHING;
          SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit.chain_heads h WHERE h.studio_id = p_studio FOR UPDATE;
          FOR r IN
            SELECT * FROM public.audit_log a WHERE a.studio_id = p_studio AND a.seq IS NULL ORDER BY a.entry_no LIMIT max_rows
          LOOP
            head_seq := head_seq + 1;
            r.seq := head_seq;
            head_hash := audit.row_hash(head_hash, audit.row_content(r));
            UPDATE public.audit_log a SET seq = head_seq, hash = head_hash, sealed_at = now()
              WHERE a.studio_id = p_studio AND a.entry_no = r.entry_no AND a.occurred_at = r.occurred_at;
            sealed := sealed + 1;
          END LOOP;
          IF sealed > 0 THEN
            UPDATE audit.chain_heads h SET seq = head_seq, hash = head_hash, sealed_at = now() WHERE h.studio_id = p_studio;
          END IF;
          RETURN sealed;
        END;
        $$;
        """;

    [Theory]
    [InlineData(7)]
    [InlineData(10000)]
    public async Task Seal_InBatches_GivesTheRowByRowSealsSeqAndHashes(int batch)
    {
        var studio = await StudioWithChangesAsync(leads: 12, updatesEach: 3);
        await using var superuser = new NpgsqlConnection(db.SuperuserConnectionString);
        await superuser.OpenAsync();
        await superuser.ExecuteAsync(RowByRowSeal);
        await superuser.ExecuteAsync("SELECT pg_temp.seal_row_by_row(@studio, 10)", new { studio });
        await superuser.ExecuteAsync("SELECT pg_temp.seal_row_by_row(@studio)", new { studio });
        var rowByRow = await ChainAsync(superuser, studio);

        // Unseal everything and seal again with the production seal.
        await superuser.ExecuteAsync("""
            UPDATE audit_log SET seq = NULL, hash = NULL, sealed_at = NULL WHERE studio_id = @studio;
            UPDATE audit.chain_heads SET seq = 0, hash = '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea WHERE studio_id = @studio;
            """, new { studio });
        int sealedNow;
        do
        {
            sealedNow = await superuser.ExecuteScalarAsync<int>("SELECT audit.seal(@studio, @batch)", new { studio, batch });
        }
        while (sealedNow == batch);
        var batched = await ChainAsync(superuser, studio);
        var verified = await superuser.QuerySingleAsync<(bool Ok, long Sealed)>("SELECT ok, sealed FROM audit.verify(@studio)", new { studio });

        Assert.Equal(1 + 12 + (12 * 3), rowByRow.Count);
        Assert.Equal(rowByRow.Select(r => (r.EntryNo, r.Seq, Convert.ToHexString(r.Hash))), batched.Select(r => (r.EntryNo, r.Seq, Convert.ToHexString(r.Hash))));
        Assert.Equal((true, (long)rowByRow.Count), verified);
    }

    [Fact]
    public async Task SealedHashes_AreSha256OfThePreviousHashAndTheRowsContent()
    {
        var studio = await StudioWithChangesAsync(leads: 3, updatesEach: 2);
        await using var owner = await db.OpenOwnerAsync();
        await owner.ExecuteAsync("SELECT audit.seal(@studio)", new { studio });
        await using var superuser = new NpgsqlConnection(db.SuperuserConnectionString);
        var rows = (await superuser.QueryAsync<(long Seq, byte[] Hash, string Content)>(
            "SELECT seq, hash, audit.row_content(a) FROM audit_log a WHERE studio_id = @studio ORDER BY seq", new { studio })).ToList();

        var previous = new byte[32];
        foreach (var (seq, hash, content) in rows)
        {
            var expected = SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(content)]);
            Assert.True(expected.AsSpan().SequenceEqual(hash), $"seq {seq}");
            previous = hash;
        }
        Assert.Equal(1 + 3 + 6, rows.Count);
    }

    private static async Task<List<(long EntryNo, long Seq, byte[] Hash)>> ChainAsync(NpgsqlConnection connection, Guid studio) =>
        (await connection.QueryAsync<(long, long, byte[])>(
            "SELECT entry_no, seq, hash FROM audit_log WHERE studio_id = @studio ORDER BY entry_no", new { studio })).ToList();

    /// <summary>A new studio with leads, each updated a few times (audited by the trigger, unsealed).</summary>
    private async Task<Guid> StudioWithChangesAsync(int leads, int updatesEach)
    {
        var studio = Guid.CreateVersion7();
        var slug = "batch-" + studio.ToString("N")[^12..];
        await using var owner = await db.OpenOwnerAsync();
        await owner.ExecuteAsync("INSERT INTO studios (id, slug, name, timezone) VALUES (@studio, @slug, @slug, 'UTC')", new { studio, slug });
        for (var l = 0; l < leads; l++)
        {
            var lead = Guid.CreateVersion7();
            await owner.ExecuteAsync("INSERT INTO leads (studio_id, id, first_name, email, status) VALUES (@studio, @lead, 'Zoë', 'zoe@batch.test', 'new')",
                new { studio, lead });
            for (var u = 0; u < updatesEach; u++)
            {
                await owner.ExecuteAsync("UPDATE leads SET message = @message WHERE studio_id = @studio AND id = @lead",
                    new { message = $"update {u} — “quoted” \\ naïve", studio, lead });
            }
        }
        return studio;
    }
}
