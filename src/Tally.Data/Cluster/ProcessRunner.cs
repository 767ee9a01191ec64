using System.Diagnostics;
using System.Text;

namespace Tally.Data.Cluster;

/// <summary>Runs a command to completion and captures what it printed.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Ok => ExitCode == 0;
    }

    public static bool IsRoot => Environment.UserName == "root" || geteuid() == 0;

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, CancellationToken ct = default,
        IDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var process = new Process { StartInfo = psi };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new Result(127, $"{file}: {ex.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(ct);
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Runs a PostgreSQL server program as the OS user that owns the cluster.</summary>
    /// <remarks>PostgreSQL refuses to run as root, so as root the cluster belongs to "postgres".</remarks>
    public static Task<Result> RunAsClusterOwnerAsync(string file, IEnumerable<string> args, CancellationToken ct = default) =>
        IsRoot
            ? RunAsync("runuser", new[] { "-u", "postgres", "--", file }.Concat(args), ct)
            : RunAsync(file, args, ct);

    public static bool CommandExists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();
}
