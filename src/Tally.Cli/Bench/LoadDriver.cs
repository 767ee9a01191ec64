using System.Diagnostics;

namespace Tally.Cli.Bench;

/// <summary>
/// Drives requests at a fixed rate (open loop) and records each one's latency from the moment it
/// was due, so a slow response cannot hide the requests queued behind it (coordinated omission).
/// </summary>
/// <remarks>
/// A pacing thread of its own sleeps until just before each request is due, yields its core the
/// last fraction of a millisecond, and hands the request to the thread pool when it is due. Awaiting Task.Delay instead woke the driver
/// 1 to 3 ms late (the timer queue's tick and the thread pool's queue), and that lateness counted
/// as the server's: a health check that curl times at 0.1 ms measured 3 ms at its median.
/// </remarks>
internal static class LoadDriver
{
    public sealed record Measurement(double[] LatenciesMs, int Errors, int Requests);

    /// <summary>How long before a request is due the sleeping stops and the yielding starts.</summary>
    private const double YieldWindowMs = 0.5;

    /// <summary>
    /// Sends request number i when it is due; <paramref name="send"/> answers whether it succeeded
    /// (an HTTP request, or a query on a connection of the pool).
    /// </summary>
    public static async Task<Measurement> RunAsync(Func<int, CancellationToken, Task<bool>> send, double rate, TimeSpan duration, CancellationToken ct)
    {
        var total = (int)Math.Max(1, rate * duration.TotalSeconds);
        var latencies = new double[total];
        var errors = 0;
        var inFlight = new Task[total];
        var clock = Stopwatch.StartNew();
        var interval = 1000.0 / rate;

        async Task Measure(int n, double due)
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
        }

        // The pacer says when it is done through a task: waiting on the thread (Join) would hold a
        // pool thread for the whole run, and two scenarios side by side held both of a 2-core
        // machine's, so request continuations waited for the pool to grow (stalls of 0.5–0.9 s).
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pacer = new Thread(() =>
        {
            try
            {
                for (var i = 0; i < total; i++)
                {
                    var due = i * interval;
                    WaitUntil(clock, due, ct);
                    // Handed to the thread pool: a request whose I/O completes at once (a query on a
                    // warm pooled connection can run to its end synchronously) must not hold up the next.
                    var n = i;
                    inFlight[i] = ct.IsCancellationRequested ? Task.CompletedTask : Task.Run(() => Measure(n, due), ct);
                }
                paced.SetResult();
            }
            catch (Exception e)
            {
                paced.SetException(e);
            }
        })
        { IsBackground = true, Name = "bench pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();
        await paced.Task;
        await Task.WhenAll(inFlight);
        ct.ThrowIfCancellationRequested();
        return new Measurement(latencies, errors, total);
    }

    private static void WaitUntil(Stopwatch clock, double dueMs, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wait = dueMs - clock.Elapsed.TotalMilliseconds;
            if (wait <= 0)
            {
                return;
            }
            if (wait > YieldWindowMs)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(wait - YieldWindowMs));
            }
            else
            {
                Thread.Yield();
            }
        }
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
