using System.Diagnostics;

namespace QuiltMcp.Orleans.Bench.Load.Load;

/// <summary>
/// A closed loop: C workers, each sending its next request only when the previous one answered, so the offered
/// load adapts to the server and latency is not inflated by an open-loop queue. Bounded both by time and by a
/// total operation count. A warm-up phase runs first and is not recorded.
/// </summary>
public static class ClosedLoop
{
    /// <param name="operation">One operation of worker <c>w</c>, its <c>n</c>-th; true on success.</param>
    public static async Task<LoopOutcome> RunAsync(
        int workers,
        TimeSpan warmup,
        TimeSpan duration,
        long maxOperations,
        Func<int, long, CancellationToken, Task<bool>> operation)
    {
        if (warmup > TimeSpan.Zero)
        {
            await RunPhaseAsync(workers, warmup, maxOperations, operation, record: false);
        }

        return await RunPhaseAsync(workers, duration, maxOperations, operation, record: true);
    }

    private static async Task<LoopOutcome> RunPhaseAsync(
        int workers,
        TimeSpan duration,
        long maxOperations,
        Func<int, long, CancellationToken, Task<bool>> operation,
        bool record)
    {
        // A request still in flight at the deadline may finish; one that hangs is cut off shortly after.
        using var hardStop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        long started = 0;
        long errors = 0;
        string? firstError = null;
        var samples = new List<double>[workers];

        async Task Worker(int index)
        {
            var mine = samples[index] = new List<double>(4096);
            for (long n = 0; clock.Elapsed < duration && Interlocked.Increment(ref started) <= maxOperations; n++)
            {
                var begin = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(index, n, hardStop.Token);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    ok = false;
                    Interlocked.CompareExchange(ref firstError, exception.GetType().Name + ": " + exception.Message, null);
                }

                if (record)
                {
                    mine.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                }

                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(index => Task.Run(() => Worker(index))));
        var elapsed = clock.Elapsed;
        var all = new List<double>(samples.Sum(list => list?.Count ?? 0));
        foreach (var list in samples)
        {
            all.AddRange(list ?? []);
        }

        return new LoopOutcome(all.Count, Interlocked.Read(ref errors), elapsed, LatencySummary.From(all), firstError);
    }
}
