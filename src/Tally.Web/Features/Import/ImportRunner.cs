using Dapper;
using Npgsql;
using Tally.Data.Import;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Import;

/// <summary>
/// Checks an uploaded file (the dry run, inside the request) and imports it (in the background, so
/// the page can show its progress). Both run under the uploader's own claims, so row-level security
/// decides what they may write, exactly as for a form of the admin app.
/// </summary>
public sealed class ImportRunner(NpgsqlDataSource dataSource, ILogger<ImportRunner> logger)
{
    /// <summary>The dry run: every problem of every row, nothing written.</summary>
    public async Task CheckAsync(TallyDb db, ImportJob job, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var currency = await CurrencyAsync(conn, ct);
        await using var file = File.OpenRead(job.Path);
        var result = await ImportRun.ExecuteAsync(conn, job.StudioId, currency, job.Kind, file, dryRun: true, progress: null, ct);
        lock (job.Gate)
        {
            job.Result = result;
            job.State = ImportJobState.Checked;
        }
    }

    /// <summary>Starts the import of a checked, valid file; false when it is not in that state.</summary>
    public bool Start(ImportJob job, RequestClaims claims)
    {
        lock (job.Gate)
        {
            if (job.State != ImportJobState.Checked || job.Result?.Batch.IsValid != true)
            {
                return false;
            }
            job.State = ImportJobState.Running;
            job.Progress = new ImportProgress(ImportPhase.Checking, 0, 1);
        }
        // Not the request's token: the import goes on after the response that started it.
        _ = Task.Run(() => RunAsync(job, claims));
        return true;
    }

    private async Task RunAsync(ImportJob job, RequestClaims claims)
    {
        try
        {
            await using var db = new TallyDb(dataSource, claims);
            var conn = await db.ConnectionAsync();
            var currency = await CurrencyAsync(conn, CancellationToken.None);
            ImportResult result;
            await using (var file = File.OpenRead(job.Path))
            {
                var progress = new JobProgress(job);
                result = await ImportRun.ExecuteAsync(conn, job.StudioId, currency, job.Kind, file, dryRun: false, progress, CancellationToken.None);
            }
            if (result.Batch.IsValid)
            {
                await db.CommitAsync();
            }
            lock (job.Gate)
            {
                job.Result = result;
                job.State = result.Batch.IsValid ? ImportJobState.Imported : ImportJobState.Failed;
                job.Failure = result.Batch.IsValid ? null : "The studio's data changed since the check; check the file again.";
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {Token} of {Kind} failed", job.Token, job.Kind);
            lock (job.Gate)
            {
                job.State = ImportJobState.Failed;
                job.Failure = e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                    ? "A row clashes with data added since the check (an email already taken). Nothing was imported; check the file again."
                    : e is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege }
                        ? "You may not import these records. Nothing was imported."
                        : "The import stopped on an unexpected error. Nothing was imported.";
            }
        }
        finally
        {
            File.Delete(job.Path);
        }
    }

    private static async Task<string> CurrencyAsync(NpgsqlConnection conn, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT default_currency::text FROM studios WHERE id = (select auth.studio_id())", cancellationToken: ct)) ?? "USD";

    private sealed class JobProgress(ImportJob job) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            lock (job.Gate)
            {
                job.Progress = value;
            }
        }
    }
}
