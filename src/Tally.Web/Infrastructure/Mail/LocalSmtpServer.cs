using System.Net;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Net;

namespace Tally.Web.Infrastructure.Mail;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 and a free port, inside the app, when
/// Smtp:LocalMailDirectory is set and Smtp:Host is not: ./tally up and the tests send mail through
/// MailKit exactly as production does, and nothing leaves the machine.
/// </summary>
internal sealed partial class LocalSmtpServer(IOptions<MailSettings> settings, LocalMailbox mailbox, ILogger<LocalSmtpServer> logger)
    : IHostedService, IDisposable
{
    private readonly TaskCompletionSource<IPEndPoint> _endpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _running;
    private int _stopped;

    /// <summary>Where the server listens; completes once it does.</summary>
    public Task<IPEndPoint> Endpoint => _endpoint.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Value.UsesLocalServer)
        {
            return;
        }
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            // Port 0: the system picks a free port, reported by EndpointStarted.
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => _endpoint.TrySetResult((IPEndPoint)e.LocalEndPoint);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new LocalMailStore(mailbox));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stopping.Token);

        var endpoint = await _endpoint.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        LogListening(logger, endpoint.ToString(), mailbox.Directory);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_running is not { } running)
        {
            return;
        }
        Stop();
        try
        {
            await running.WaitAsync(cancellationToken);
        }
        // The server's own shutdown can surface as either: a cancelled session, or a disposed one
        // when the test host disposes services while the last session is closing. Both mean stopped.
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        Stop();
        // A session still closing holds a registration on the token: disposing it under that session
        // throws there. Left to the collector until the server has stopped.
        if (_running is null || _running.IsCompleted)
        {
            _stopping.Dispose();
        }
    }

    // Once, whichever comes first: the host stopping, or the container disposing this service.
    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _server is null)
        {
            return;
        }
        try
        {
            _server.Shutdown();
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down by the other path (host stop or container disposal): nothing to stop.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local SMTP server listening on {Endpoint}; mail is saved in {Directory}")]
    private static partial void LogListening(ILogger logger, string endpoint, string? directory);
}
