using Tally.Data.Cluster;
using Tally.Data.Migrations;

namespace Tally.Tests.Infrastructure;

/// <summary>
/// One private PostgreSQL cluster per test assembly, with a template database migrated once per run.
/// Test classes get their own database cloned from the template (CREATE DATABASE … TEMPLATE), so
/// they start clean, run in parallel, and never see each other's rows.
/// </summary>
public static class TestCluster
{
    public const string TemplateDatabase = "tally_template";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static LocalCluster? _cluster;

    /// <summary>The cluster with a freshly migrated template; started on first use.</summary>
    public static async Task<LocalCluster> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_cluster is not null)
            {
                return _cluster;
            }
            var cluster = new LocalCluster(new TallyHome(HomeFolder()), _ => { });
            await cluster.EnsureRunningAsync();
            await cluster.DropDatabaseAsync(TemplateDatabase);
            await cluster.CreateDatabaseAsync(TemplateDatabase);
            Migrator.Apply(NoPooling(cluster.OwnerConnectionString(TemplateDatabase)));
            _cluster = cluster;
            return cluster;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new database cloned from the migrated template.</summary>
    public static async Task<(LocalCluster Cluster, string Database)> CreateDatabaseAsync()
    {
        var cluster = await GetAsync();
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await cluster.CreateDatabaseAsync(name, TemplateDatabase);
        return (cluster, name);
    }

    /// <summary>
    /// $TALLY_TEST_HOME (set by ./tally test) or a folder under /var/tmp, one per test assembly so
    /// that test projects running side by side do not share a cluster. Kept between runs: the
    /// cluster is reused and only the template is rebuilt.
    /// </summary>
    private static string HomeFolder()
    {
        var root = Environment.GetEnvironmentVariable("TALLY_TEST_HOME") is { Length: > 0 } home ? home : "/var/tmp/tally-test";
        // …/tests/<Project>/bin/<Configuration>/net10.0/: the test project's name.
        var project = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent?.Parent?.Parent?.Name ?? "tests";
        return Path.Combine(root, project.ToLowerInvariant());
    }

    // A template database may have no open connections when it is copied.
    private static string NoPooling(string connectionString) => connectionString + ";Pooling=false";
}
