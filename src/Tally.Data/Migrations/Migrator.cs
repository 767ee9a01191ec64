using System.Reflection;
using DbUp;
using DbUp.Engine.Output;

namespace Tally.Data.Migrations;

/// <summary>
/// Applies the SQL scripts embedded from this folder, in file-name order, through DbUp.
/// </summary>
/// <remarks>
/// DbUp runs without a surrounding transaction and sends a script statement by statement on one
/// connection. A script that must be atomic says so itself with BEGIN/COMMIT; a script that builds
/// an index CONCURRENTLY (which cannot run inside a transaction) simply leaves them out.
/// See docs/decisions/0002-migrations-with-dbup.md.
/// </remarks>
public static class Migrator
{
    public const string JournalTable = "schema_migrations";

    /// <summary>The embedded migration scripts, in the order they are applied.</summary>
    public static IReadOnlyList<MigrationScript> Scripts()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "Tally.Data.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new MigrationScript(n[prefix.Length..], Read(assembly, n)))
            .ToList();
    }

    /// <summary>Applies every pending script; returns the names of the scripts applied.</summary>
    public static IReadOnlyList<string> Apply(string ownerConnectionString, Action<string>? log = null)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(ownerConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, n => n.EndsWith(".sql", StringComparison.Ordinal))
            .JournalToPostgresqlTable("public", JournalTable)
            .WithoutTransaction()
            // $tag$ function bodies are SQL, not DbUp variables.
            .WithVariablesDisabled()
            .LogTo(new CallbackLog(log))
            .WithExecutionTimeout(TimeSpan.FromMinutes(30))
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            var script = result.ErrorScript?.Name ?? "unknown script";
            throw new MigrationFailedException($"migration {script} failed: {result.Error?.Message}", result.Error);
        }
        if (result.Scripts.Any())
        {
            // Connections pooled before the migration cached the old catalog (no citext type yet, say).
            using var conn = new Npgsql.NpgsqlConnection(ownerConnectionString);
            conn.Open();
            conn.ReloadTypes();
        }
        return result.Scripts.Select(s => s.Name).ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class CallbackLog(Action<string>? log) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) => log?.Invoke(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogWarning(string format, params object[] args) => log?.Invoke(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(string format, params object[] args) => log?.Invoke(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(Exception ex, string format, params object[] args) => log?.Invoke(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}

public sealed record MigrationScript(string Name, string Sql);

public sealed class MigrationFailedException(string message, Exception? inner) : Exception(message, inner);
