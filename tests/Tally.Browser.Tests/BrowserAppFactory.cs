using System.Net;
using System.Net.Sockets;
using Tally.Tests.Web;

namespace Tally.Browser.Tests;

/// <summary>
/// The web app over a seeded database of its own, served by Kestrel on a free loopback port so that
/// a real browser can reach it (the in-memory test server has no socket).
/// </summary>
public sealed class BrowserAppFactory : TallyWebFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreeLoopbackPort();
        // The factory's own switch to Kestrel: a port set through WithWebHostBuilder would be ignored.
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
