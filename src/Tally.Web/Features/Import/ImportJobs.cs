using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tally.Data.Import;

namespace Tally.Web.Features.Import;

/// <summary>
/// The uploads and imports of this app instance, in memory, keyed by an unguessable token. An upload
/// lives <see cref="ImportOptions.Keep"/>, then it and its file are dropped. One instance only: a
/// deployment with several instances needs sticky sessions for the import pages (docs/import.md).
/// </summary>
public sealed class ImportJobs(IOptions<ImportOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);

    public string Folder => options.Value.Folder ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tally-imports");

    public async Task<ImportJob> SaveAsync(ImportKind kind, Guid studioId, Guid userId, IFormFile file, CancellationToken ct)
    {
        Expire();
        Directory.CreateDirectory(Folder);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = System.IO.Path.Combine(Folder, token + ".csv");
        await using (var target = File.Create(path))
        {
            await file.CopyToAsync(target, ct);
        }
        var job = new ImportJob(token, kind, studioId, userId, path, SafeName(file.FileName), clock.GetUtcNow());
        _jobs[token] = job;
        return job;
    }

    /// <summary>The job of this token if it belongs to this member of this studio and is of this kind; otherwise null.</summary>
    public ImportJob? Find(string? token, ImportKind kind, Guid? studioId, Guid? userId)
    {
        if (token is null || !_jobs.TryGetValue(token, out var job))
        {
            return null;
        }
        return job.Kind == kind && job.StudioId == studioId && job.UserId == userId ? job : null;
    }

    private void Expire()
    {
        var cutoff = clock.GetUtcNow() - options.Value.Keep;
        foreach (var job in _jobs.Values.Where(j => j.Created < cutoff && j.State != ImportJobState.Running))
        {
            if (_jobs.TryRemove(job.Token, out _))
            {
                File.Delete(job.Path);
            }
        }
    }

    /// <summary>The file's own name for the page, without any folder and at most 100 characters.</summary>
    private static string SafeName(string name)
    {
        var last = System.IO.Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length == 0 ? "upload.csv" : clean.Length <= 100 ? clean : clean[..100];
    }
}
