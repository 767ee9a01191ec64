using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Tally.Data.Cluster;

namespace Tally.Tests.Cli;

/// <summary>The built `tally` CLI run as a real process, the way ./tally runs it.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process)
    {
        _process = process;
    }

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public static string CliAssembly => Path.Combine(RepoPaths.Root, "src", "Tally.Cli", "bin", RepoPaths.BuildConfiguration, "net10.0", "tally.dll");

    public static CliProcess Start(IDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.ArgumentList.Add(CliAssembly);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("ConnectionStrings__Tally");
        psi.Environment.Remove("ConnectionStrings__TallyOwner");
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }
        var cli = new CliProcess(Process.Start(psi)!);
        cli._process.StandardInput.Close();
        cli._process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (cli._stdout) { cli._stdout.AppendLine(e.Data); } } };
        cli._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (cli._stderr) { cli._stderr.AppendLine(e.Data); } } };
        cli._process.BeginOutputReadLine();
        cli._process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs a command to completion and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IDictionary<string, string> env, params string[] args)
    {
        using var cli = Start(env, args);
        var code = await cli.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (code, cli.Stdout, cli.Stderr);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout contains the text, failing early if the process ends.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"tally exited ({_process.ExitCode}) before printing '{text}'. stderr: {Stderr} stdout: {Stdout}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"tally did not print '{text}' in time. stderr: {Stderr}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Asks tally to stop, as Ctrl-C or a service manager would. SIGTERM rather than SIGINT: a
    /// process started in the background by a non-interactive shell (as CI may) inherits SIGINT
    /// ignored, and the CLI handles both signals the same way.
    /// </summary>
    public void Interrupt() => _ = kill(_process.Id, 15);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    [DllImport("libc")]
    private static extern int kill(int pid, int sig);
}
