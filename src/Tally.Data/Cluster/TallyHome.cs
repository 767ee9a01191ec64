namespace Tally.Data.Cluster;

/// <summary>
/// The folder that holds a local Tally: its PostgreSQL cluster, credentials, sent mail and files.
/// </summary>
public sealed class TallyHome
{
    public TallyHome(string path)
    {
        Root = Path.GetFullPath(path);
    }

    /// <summary>$TALLY_HOME, or ./.tally of the repository.</summary>
    public static TallyHome FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("TALLY_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(RepoPaths.Root, ".tally"));

    public string Root { get; }
    public string PgRoot => Path.Combine(Root, "pg");
    public string DataDirectory => Path.Combine(PgRoot, "data");
    public string SocketDirectory => Path.Combine(PgRoot, "run");
    public string LogFile => Path.Combine(PgRoot, "postgresql.log");
    public string StateFile => Path.Combine(Root, "cluster.json");

    /// <summary>Creates the folder, or says in one line why it cannot be used.</summary>
    public void EnsureWritable()
    {
        try
        {
            Directory.CreateDirectory(Root);
            var probe = Path.Combine(Root, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new UserFacingException($"TALLY_HOME {Root} is not writable ({ex.Message}): choose another folder, e.g. TALLY_HOME=$HOME/.tally ./tally up");
        }
    }
}
