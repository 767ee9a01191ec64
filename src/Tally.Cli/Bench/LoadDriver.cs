using System.Diagnostics;

namespace Tally.Cli.Bench;

/// <summary>
/// Drives requests at a fixed rate (open loop) and records each one's latency from the moment it
/// was due, so a slow response cannot hide the requests queued behind it (coordinated omission).
/// </summary>
internal static class LoadDriver
{
    public sealed record Measurement(double[] LatenciesMs, int Errors, int Requests);

    /// <summary>
    /// Sends request number i when it is due; <paramref name="send"/> answers whether it succeeded
    /// (an HTTP request, or a query on a connection of the pool).
    /// </summary>
    public static async Task<Measurement> RunAsync(Func<int, CancellationToken, Task<bool>> send, double rate, TimeSpan duration, CancellationToken ct)
    {
        var total = (int)Math.Max(1, rate * duration.TotalSeconds);
        var latencies = new double[total];
        var errors = 0;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        var interval = 1000.0 / rate;

        for (var i = 0; i < total; i++)
        {
            var due = i * interval;
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), ct);
            }
            var n = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    if (!await send(n, ct))
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or Npgsql.NpgsqlException)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies[n] = clock.Elapsed.TotalMilliseconds - due;
            }, ct));
        }
        await Task.WhenAll(inFlight);
        return new Measurement(latencies, errors, total);
    }

    /// <summary>Nearest-rank percentile of a sample.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
