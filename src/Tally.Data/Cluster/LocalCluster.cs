using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tally.Data.Cluster;

/// <summary>
/// A private PostgreSQL cluster under $TALLY_HOME: initialised on first use, listening on 127.0.0.1
/// on a free port and on a unix socket inside the folder, left running until `./tally down`.
/// </summary>
public sealed class LocalCluster(TallyHome home, Action<string> say)
{
    private const string Superuser = "postgres";
    private ClusterState? _state;

    public TallyHome Home => home;

    public ClusterState State => _state ?? throw new InvalidOperationException("The cluster has not been started.");

    public bool Initialised => File.Exists(Path.Combine(home.DataDirectory, "PG_VERSION"));

    /// <summary>Installs, initialises and starts the cluster as needed, then makes sure the roles and database exist.</summary>
    public async Task EnsureRunningAsync(CancellationToken ct = default)
    {
        home.EnsureWritable();
        await PostgresBinaries.EnsureAsync(say, ct);
        if (!Initialised)
        {
            await InitAsync(ct);
        }
        _state = ClusterState.Load(home.StateFile) ?? throw new UserFacingException(
            $"{home.StateFile} is missing but {home.DataDirectory} exists: run ./tally down and remove {home.Root} to start afresh.");

        if (!await IsRunningAsync(ct))
        {
            if (!PortIsFree(_state.Port))
            {
                // The port was free when the cluster was made; someone else has it now. Ours is private: move.
                _state = _state with { Port = FreePort() };
                _state.Save(home.StateFile);
            }
            await StartAsync(ct);
        }
        await ProvisionAsync(Roles.Database, ct);
    }

    public async Task<bool> IsRunningAsync(CancellationToken ct = default) =>
        Initialised && (await ProcessRunner.RunAsClusterOwnerAsync(PostgresBinaries.Tool("pg_ctl"), ["status", "-D", home.DataDirectory], ct)).Ok;

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (!PostgresBinaries.Present || !await IsRunningAsync(ct))
        {
            return;
        }
        var result = await ProcessRunner.RunAsClusterOwnerAsync(PostgresBinaries.Tool("pg_ctl"), ["stop", "-D", home.DataDirectory, "-m", "fast", "-w"], ct);
        if (!result.Ok)
        {
            throw new UserFacingException($"pg_ctl stop failed: {FirstLine(result.Output)} (see {home.LogFile})");
        }
    }

    public string SuperuserConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = home.SocketDirectory,
        Port = State.Port,
        Username = Superuser,
        Database = database,
        Pooling = false,
    }.ConnectionString;

    public string OwnerConnectionString(string database = Roles.Database) => Tcp(Roles.Owner, State.OwnerPassword, database);

    public string AppConnectionString(string database = Roles.Database) => Tcp(Roles.App, State.AppPassword, database);

    /// <summary>Creates a database owned by the owner role, optionally as a copy of a template.</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null, CancellationToken ct = default)
    {
        var sql = $"CREATE DATABASE {Quote(name)} OWNER {Roles.Owner}" + (template is null ? "" : $" TEMPLATE {Quote(template)}");
        await ExecuteAsSuperuserAsync(sql, ct);
        await ExecuteAsSuperuserAsync($"REVOKE ALL ON DATABASE {Quote(name)} FROM PUBLIC; GRANT CONNECT, TEMPORARY ON DATABASE {Quote(name)} TO {Roles.App}", ct);
    }

    public Task DropDatabaseAsync(string name, CancellationToken ct = default) =>
        ExecuteAsSuperuserAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", ct);

    public async Task<bool> DatabaseExistsAsync(string name, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(SuperuserConnectionString());
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = name } } };
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private async Task InitAsync(CancellationToken ct)
    {
        say($"Creating a PostgreSQL cluster in {home.PgRoot}...");
        Directory.CreateDirectory(home.DataDirectory);
        Directory.CreateDirectory(home.SocketDirectory);
        if (ProcessRunner.IsRoot)
        {
            // The server runs as "postgres": it must reach $TALLY_HOME and own its own folders.
            File.SetUnixFileMode(home.Root, File.GetUnixFileMode(home.Root) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
            var chown = await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", home.PgRoot], ct);
            var reach = await ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", "test", "-w", home.PgRoot], ct);
            if (!chown.Ok || !reach.Ok)
            {
                throw new UserFacingException($"the postgres user cannot reach {home.PgRoot}: choose a TALLY_HOME every user can traverse, e.g. TALLY_HOME=/var/tmp/tally");
            }
        }
        File.SetUnixFileMode(home.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var init = await ProcessRunner.RunAsClusterOwnerAsync(PostgresBinaries.Tool("initdb"),
        [
            "-D", home.DataDirectory, "-U", Superuser, "--encoding=UTF8", "--locale=C.UTF-8",
            // The socket lives in a folder only the cluster's user can enter; TCP needs a password.
            "--auth-local=trust", "--auth-host=scram-sha-256",
        ], ct);
        if (!init.Ok)
        {
            Directory.Delete(home.DataDirectory, recursive: true);
            throw new UserFacingException($"initdb failed: {FirstLine(init.Output)}");
        }
        ClusterState.New(FreePort()).Save(home.StateFile);
    }

    private async Task StartAsync(CancellationToken ct)
    {
        var options = string.Join(' ',
            $"-p {State.Port}",
            $"-k {home.SocketDirectory}",
            "-c listen_addresses=127.0.0.1",
            "-c max_connections=200",
            "-c shared_buffers=512MB",
            "-c work_mem=16MB",
            "-c maintenance_work_mem=256MB",
            "-c max_wal_size=4GB");
        var start = await ProcessRunner.RunAsClusterOwnerAsync(PostgresBinaries.Tool("pg_ctl"),
            ["start", "-D", home.DataDirectory, "-l", home.LogFile, "-w", "-t", "60", "-o", options], ct);
        if (!start.Ok)
        {
            var log = File.Exists(home.LogFile) ? File.ReadLines(home.LogFile).LastOrDefault(l => l.Contains("FATAL", StringComparison.Ordinal)) : null;
            throw new UserFacingException($"PostgreSQL did not start: {log ?? FirstLine(start.Output)} (see {home.LogFile})");
        }
    }

    private async Task ProvisionAsync(string database, CancellationToken ct)
    {
        // Passwords are hex from a CSPRNG, so inlining them in DDL is safe. The owner bypasses
        // row-level security: it migrates, seeds with COPY (which RLS forbids) and is the
        // baseline the policies' cost is measured against. The app role never does.
        await ExecuteAsSuperuserAsync($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Roles.Owner}') THEN CREATE ROLE {Roles.Owner}; END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Roles.App}') THEN CREATE ROLE {Roles.App}; END IF;
            END $$;
            ALTER ROLE {Roles.Owner} LOGIN NOSUPERUSER NOCREATEROLE BYPASSRLS PASSWORD '{State.OwnerPassword}';
            ALTER ROLE {Roles.App} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '{State.AppPassword}';
            """, ct);
        if (!await DatabaseExistsAsync(database, ct))
        {
            await CreateDatabaseAsync(database, null, ct);
        }
    }

    private async Task ExecuteAsSuperuserAsync(string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(SuperuserConnectionString());
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private string Tcp(string user, string password, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = State.Port,
        Username = user,
        Password = password,
        Database = database,
    }.ConnectionString;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";

    public static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
