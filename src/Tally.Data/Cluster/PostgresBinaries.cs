namespace Tally.Data.Cluster;

/// <summary>Finds the PostgreSQL 15 server programs, installing them from Debian's packages when missing.</summary>
public static class PostgresBinaries
{
    /// <summary>TALLY_PG_BIN overrides where the server programs are looked for.</summary>
    public static string BinDirectory =>
        Environment.GetEnvironmentVariable("TALLY_PG_BIN") is { Length: > 0 } dir ? dir : "/usr/lib/postgresql/15/bin";

    public static bool Present => File.Exists(Path.Combine(BinDirectory, "pg_ctl")) && File.Exists(Path.Combine(BinDirectory, "initdb"));

    public static string Tool(string name) => Path.Combine(BinDirectory, name);

    public static async Task EnsureAsync(Action<string> say, CancellationToken ct = default)
    {
        if (Present && ContribPresent())
        {
            return;
        }
        if (!ProcessRunner.CommandExists("apt-get"))
        {
            throw new UserFacingException(
                $"PostgreSQL 15 is not installed ({BinDirectory} has no pg_ctl) and apt-get is not available: install PostgreSQL 15 with its contrib extensions, set TALLY_PG_BIN to its bin folder, or set ConnectionStrings__Tally to use an existing server.");
        }

        say("Installing PostgreSQL 15 from Debian's packages (apt-get)...");
        await AptInstallAsync(["postgresql", "postgresql-contrib"], ct);
        if (!Present)
        {
            throw new UserFacingException($"apt-get installed PostgreSQL but {Tool("pg_ctl")} is still missing: install postgresql-15 or set TALLY_PG_BIN.");
        }
        // Debian's package starts a system-wide cluster on port 5432; Tally runs its own private one.
    }

    /// <summary>Installs Debian packages, through sudo when not root.</summary>
    public static async Task AptInstallAsync(IReadOnlyList<string> packages, CancellationToken ct)
    {
        var prefix = ProcessRunner.IsRoot ? Array.Empty<string>() : ["sudo", "-n"];
        if (prefix.Length > 0 && !ProcessRunner.CommandExists("sudo"))
        {
            throw new UserFacingException($"installing {string.Join(' ', packages)} needs root and sudo is missing: run as root or install them yourself.");
        }
        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };

        async Task<ProcessRunner.Result> Apt(params string[] args) =>
            prefix.Length == 0
                ? await ProcessRunner.RunAsync("apt-get", args, ct, env)
                : await ProcessRunner.RunAsync("sudo", new[] { "-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get" }.Concat(args), ct);

        var install = await Apt(["install", "-y", "-q", .. packages]);
        if (!install.Ok)
        {
            // The package lists of a fresh machine are often empty or stale.
            var update = await Apt("update", "-q");
            if (!update.Ok)
            {
                throw new UserFacingException($"apt-get update failed (exit {update.ExitCode}): check the network or install {string.Join(' ', packages)} yourself.");
            }
            install = await Apt(["install", "-y", "-q", .. packages]);
        }
        if (!install.Ok)
        {
            var last = install.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            throw new UserFacingException($"apt-get install {string.Join(' ', packages)} failed: {last.Trim()}");
        }
    }

    private static bool ContribPresent() =>
        // pg_trgm and friends ship in the contrib package; the server alone lacks them.
        Directory.Exists("/usr/share/postgresql/15/extension") == false
        || File.Exists("/usr/share/postgresql/15/extension/pg_trgm.control")
        || Environment.GetEnvironmentVariable("TALLY_PG_BIN") is { Length: > 0 };
}
