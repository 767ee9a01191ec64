using Npgsql;
using NpgsqlTypes;

namespace Tally.Data.Import;

/// <summary>
/// The database half of an import, on a connection the caller opened inside its transaction: the
/// checks only the studio's data can answer, and the write. The caller commits, so the import is all
/// or nothing. Rows go in with INSERT … SELECT FROM unnest(arrays), a few thousand per statement:
/// as fast as the row triggers (audit, search) allow, and, unlike COPY FROM, it runs under
/// row-level security, so the web's import is bound by the same policies as any other write.
/// </summary>
public static class ImportWriter
{
    private const int Chunk = 5000;

    /// <summary>Adds a problem for every client row whose email the studio already has (any case).</summary>
    public static async Task CheckAgainstStudioAsync(NpgsqlConnection conn, Guid studioId, ImportBatch batch, CancellationToken ct)
    {
        if (batch.Kind != ImportKind.Clients || batch.Clients.Count == 0)
        {
            return;
        }
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in batch.Clients.Chunk(Chunk))
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT email::text FROM clients WHERE studio_id = $1 AND email = ANY ($2::citext[])", conn)
            {
                Parameters =
                {
                    new() { Value = studioId },
                    new() { Value = chunk.Select(c => c.Email).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                },
            };
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                taken.Add(reader.GetString(0));
            }
        }
        if (taken.Count == 0)
        {
            return;
        }
        foreach (var client in batch.Clients.Where(c => taken.Contains(c.Email)))
        {
            batch.Problems.Add(new ImportProblem(client.Line, "email", $"{ImportFields.Shown(client.Email)} is already a client of this studio"));
        }
        batch.Problems.Sort((a, b) => a.Line.CompareTo(b.Line));
    }

    /// <summary>Writes every row of a valid batch; returns how many. Refuses a batch with problems.</summary>
    public static async Task<int> WriteAsync(NpgsqlConnection conn, Guid studioId, ImportBatch batch, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (!batch.IsValid)
        {
            throw new InvalidOperationException("A file with problems is never imported, not even in part.");
        }
        var total = batch.ValidCount;
        var done = 0;
        progress?.Report(new ImportProgress(ImportPhase.Writing, 0, total));
        if (batch.Kind == ImportKind.Leads)
        {
            foreach (var chunk in batch.Leads.Chunk(Chunk))
            {
                await InsertLeadsAsync(conn, studioId, chunk, ct);
                done += chunk.Length;
                progress?.Report(new ImportProgress(ImportPhase.Writing, done, total));
            }
        }
        else
        {
            foreach (var chunk in batch.Clients.Chunk(Chunk))
            {
                await InsertClientsAsync(conn, studioId, chunk, ct);
                done += chunk.Length;
                progress?.Report(new ImportProgress(ImportPhase.Writing, done, total));
            }
        }
        return done;
    }

    private static async Task InsertLeadsAsync(NpgsqlConnection conn, Guid studioId, LeadImportRow[] rows, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO leads (studio_id, id, first_name, last_name, partner_name, email, phone, event_type, event_date, venue,
                               guest_count, budget, currency, source, status, message)
            SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                     $9::date[], $10::text[], $11::int[], $12::numeric[], $13::text[], $14::text[], $15::text[], $16::text[])
            """, conn);
        cmd.Parameters.Add(new() { Value = studioId });
        cmd.Parameters.Add(Array(rows.Select(_ => Guid.CreateVersion7()), NpgsqlDbType.Uuid));
        cmd.Parameters.Add(Array(rows.Select(r => r.FirstName), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.LastName), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.PartnerName), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Email), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Phone), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.EventType), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.EventDate), NpgsqlDbType.Date));
        cmd.Parameters.Add(Array(rows.Select(r => r.Venue), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.GuestCount), NpgsqlDbType.Integer));
        cmd.Parameters.Add(Array(rows.Select(r => r.Budget), NpgsqlDbType.Numeric));
        cmd.Parameters.Add(Array(rows.Select(r => r.Currency), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Source), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Status), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Message), NpgsqlDbType.Text));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task InsertClientsAsync(NpgsqlConnection conn, Guid studioId, ClientImportRow[] rows, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO clients (studio_id, id, first_name, last_name, partner_name, email, phone, address_line1, address_line2,
                                 city, region, postal_code, country, notes)
            SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                     $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
            """, conn);
        cmd.Parameters.Add(new() { Value = studioId });
        cmd.Parameters.Add(Array(rows.Select(_ => Guid.CreateVersion7()), NpgsqlDbType.Uuid));
        cmd.Parameters.Add(Array(rows.Select(r => r.FirstName), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.LastName), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.PartnerName), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Email), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Phone), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.AddressLine1), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.AddressLine2), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.City), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Region), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.PostalCode), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Country), NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(rows.Select(r => r.Notes), NpgsqlDbType.Text));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };
}
