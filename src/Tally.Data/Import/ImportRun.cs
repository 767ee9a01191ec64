using Npgsql;

namespace Tally.Data.Import;

/// <summary>What an import did: the checked file, and how many rows were written (0 for a dry run or a file with problems).</summary>
public sealed record ImportResult(ImportBatch Batch, int Written, bool DryRun);

/// <summary>
/// One import, the same for the CLI and the web: read and check the file, check it against the
/// studio's data, and (unless it is a dry run or anything is wrong) write every row. Runs on the
/// caller's connection and transaction; the caller commits, so a failure anywhere writes nothing.
/// </summary>
public static class ImportRun
{
    public static async Task<ImportResult> ExecuteAsync(NpgsqlConnection conn, Guid studioId, string defaultCurrency, ImportKind kind,
        Stream file, bool dryRun, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var batch = await CsvImportReader.ReadAsync(file, kind, defaultCurrency, progress, ct);
        await ImportWriter.CheckAgainstStudioAsync(conn, studioId, batch, ct);
        if (dryRun || !batch.IsValid)
        {
            return new ImportResult(batch, 0, dryRun);
        }
        var written = await ImportWriter.WriteAsync(conn, studioId, batch, progress, ct);
        return new ImportResult(batch, written, dryRun);
    }
}
