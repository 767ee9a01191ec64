using System.Diagnostics;
using System.Runtime.InteropServices;
using Tally.Data.Cluster;

namespace Tally.Cli.Hosting;

/// <summary>
/// The web app as a child process (`dotnet Tally.Web.dll`), so the CLI can stop it cleanly and
/// the benchmark measures it the way it runs in production.
/// </summary>
internal sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WebProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Task Exited => _process.WaitForExitAsync();

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Where the app keeps the mail it sends when no SMTP relay is configured: its in-process SMTP
    /// server on the loopback saves every message there as an .eml file.
    /// </summary>
    public static string MailDirectory(TallyHome home) => Path.Combine(home.Root, "mail");

    /// <summary>True when the environment names an SMTP relay, so mail really leaves the machine.</summary>
    public static bool UsesSmtpRelay => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Smtp__Host"));

    public static WebProcess Start(string urls, string appConnectionString, TallyHome home, bool quiet)
    {
        var dll = RepoPaths.WebAssembly;
        if (!File.Exists(dll))
        {
            throw new UserFacingException($"{dll} is missing: build first with `dotnet build src/Tally.Cli -c {RepoPaths.BuildConfiguration}` (./tally does this for you).");
        }
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.WebContentRoot,
            RedirectStandardOutput = quiet,
            RedirectStandardError = quiet,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(urls);
        psi.ArgumentList.Add("--contentRoot");
        psi.ArgumentList.Add(RepoPaths.WebContentRoot);
        psi.Environment["ConnectionStrings__Tally"] = appConnectionString;
        psi.Environment["TALLY_HOME"] = home.Root;
        psi.Environment.Remove("ConnectionStrings__TallyOwner");
        // Mail stays on this machine unless an SMTP relay is configured (Smtp__Host is inherited).
        if (!UsesSmtpRelay)
        {
            psi.Environment["Smtp__LocalMailDirectory"] = MailDirectory(home);
        }
        // Links in mail lead back here, not to whatever Host header a request carried.
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Tally__PublicUrl")))
        {
            psi.Environment["Tally__PublicUrl"] = BaseUrl(urls);
        }
        if (quiet)
        {
            psi.Environment["Logging__LogLevel__Default"] = "Warning";
        }

        var process = Process.Start(psi) ?? throw new UserFacingException("could not start dotnet for the web app");
        if (quiet)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return new WebProcess(process, new Uri(BaseUrl(urls)));
    }

    /// <summary>The first of the listen addresses, as a browser on this machine reaches it.</summary>
    private static string BaseUrl(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("*", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal);

    /// <summary>Waits until /health/ready answers 200, or the process dies.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new UserFacingException($"the web app stopped during start-up (exit {_process.ExitCode}): see its log above.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(250, ct);
        }
        throw new UserFacingException($"the web app did not become ready at {BaseAddress} within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>Asks the app to stop (SIGTERM, a graceful shutdown) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        _ = kill(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
