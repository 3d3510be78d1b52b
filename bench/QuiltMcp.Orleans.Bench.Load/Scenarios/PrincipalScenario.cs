using System.Diagnostics;
using System.Globalization;
using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Mcp;
using QuiltMcp.Orleans.Bench.Load.Results;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>
/// Memory per distinct active principal: RSS of a warmed-up idle server, then RSS after <c>count</c> principals never
/// seen before made one stateless <c>tools/call</c> each (no session, so sessions do not add to the figure); the
/// difference divided by the principals that called. What a principal leaves behind is its grain, its validated-token
/// cache entry and its rate limiter partition. With an idle watch, RSS is then sampled every 5 s to see how long an
/// idle principal takes to leave memory.
/// </summary>
public sealed class PrincipalScenario(BenchServerStarter starter, LoadSettings settings, int count, TimeSpan timeLimit, TimeSpan idleWatch)
{
    private const int WarmupCalls = 300;
    private const double NearIdleShare = 0.10;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(5);

    // Read from src/Api/Identity/Bearer/ValidatedTokenCache.cs (MaximumEntries, MaximumEntryLifetime): not a setting.
    private const int TokenCacheEntries = 50_000;

    public string Name => $"principals-{count}";

    public async Task<RunResult> RunAsync(ServerKind kind)
    {
        // Signed before the server starts, so the signing does not compete with it for the cores.
        var tokens = BenchTokens.ForDistinctPrincipals(count, settings.TokenSecret, $"bench-principal-{Environment.ProcessId}");
        await using var server = await starter.StartReadyAsync(kind);
        using var http = McpWire.CreateClient(Math.Max(settings.Concurrency, 16));

        await CallEachAsync(http, server.McpUri, BenchTokens.ForPrincipals(settings.Principals, settings.TokenSecret), WarmupCalls, TimeSpan.FromSeconds(60));
        await Task.Delay(Settle);
        var idleRss = server.RssKb;

        var clock = Stopwatch.StartNew();
        var calls = await CallEachAsync(http, server.McpUri, tokens, count, timeLimit);
        var callSeconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(Settle);
        var loadedRss = server.RssKb;

        var served = calls.Completed - calls.Failures;
        var perPrincipal = idleRss is { } before && loadedRss is { } after && served > 0
            ? Math.Round((after - before) * 1024.0 / served, 0)
            : (double?)null;
        var nearIdle = idleRss is { } idle && loadedRss is { } loaded
            ? (long)(idle + NearIdleShare * idle + NearIdleShare * Math.Max(0, loaded - idle))
            : (long?)null;
        var watch = idleWatch > TimeSpan.Zero && nearIdle is { } threshold ? await WatchAsync(server.Process.Id, threshold) : null;

        var notes = new List<string>
        {
            $"token cache holds at most {TokenCacheEntries} validated tokens for at most 5 min each (fixed in ValidatedTokenCache)"
                + (calls.Completed > TokenCacheEntries ? $": {calls.Completed - TokenCacheEntries} of these principals are past it" : ""),
        };
        if (calls.Completed < count)
        {
            notes.Add($"time limit {timeLimit.TotalSeconds:0}s reached after {calls.Completed} of {count} principals");
        }

        if (watch is not null)
        {
            notes.Add(watch.AfterSeconds is null
                ? $"RSS not back under {nearIdle / 1024} MB within the {idleWatch.TotalSeconds:0}s watch"
                : $"RSS back under {nearIdle / 1024} MB after {watch.AfterSeconds:0}s");
        }

        return new RunResult
        {
            Scenario = Name,
            Server = Report.Label(kind),
            Mode = "stateless",
            Concurrency = settings.Concurrency,
            Principals = count,
            DurationS = Math.Round(callSeconds, 2),
            Requests = calls.Completed,
            Errors = calls.Failures,
            Rps = Math.Round(calls.Completed / callSeconds, 1),
            IdleRssKb = idleRss,
            RssKb = loadedRss,
            BytesPerPrincipal = perPrincipal,
            NearIdleKb = watch is null ? null : nearIdle,
            NearIdleAfterS = watch?.AfterSeconds,
            RssSeries = watch?.Series,
            FirstError = calls.FirstError,
            Gc = GcModeProbe.Describe(server.Process.Id),
            Note = string.Join("; ", notes),
        };
    }

    /// <summary>One stateless call per token (the first <paramref name="target"/>, cycling if there are fewer), until the limit.</summary>
    private async Task<CallCount> CallEachAsync(HttpClient http, Uri endpoint, string[] tokens, int target, TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        long next = -1;
        long completed = 0;
        long failures = 0;
        string? firstError = null;

        async Task Worker()
        {
            long index;
            while (!deadline.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < target)
            {
                try
                {
                    using var request = McpWire.StatelessToolCall(endpoint, tokens[index % tokens.Length], settings.Tool, settings.ArgumentsJson, index + 1);
                    using var response = await http.SendAsync(request, deadline.Token);
                    if (!await McpWire.IsResultAsync(response, deadline.Token))
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstError, $"tools/call answered HTTP {(int)response.StatusCode} without a result", null);
                    }

                    Interlocked.Increment(ref completed);
                }
                catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException)
                {
                    if (!deadline.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.Increment(ref completed);
                        Interlocked.CompareExchange(ref firstError, exception.GetType().Name + ": " + exception.Message, null);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(Worker)));
        return new CallCount(completed, failures, firstError);
    }

    /// <summary>Samples RSS every 5 s until it is under <paramref name="threshold"/> or the watch ends.</summary>
    private async Task<IdleWatch> WatchAsync(int processId, long threshold)
    {
        var clock = Stopwatch.StartNew();
        var series = new List<string>();
        while (true)
        {
            var rss = Testing.Processes.ProcessMemory.ReadRssKb(processId);
            var seconds = clock.Elapsed.TotalSeconds;
            series.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:0}:{(rss ?? 0) / 1024}"));
            if (rss is { } current && current <= threshold)
            {
                return new IdleWatch(string.Join(' ', series), Math.Round(seconds, 0));
            }

            if (clock.Elapsed + WatchInterval > idleWatch)
            {
                return new IdleWatch(string.Join(' ', series), null);
            }

            await Task.Delay(WatchInterval);
        }
    }

    private sealed record CallCount(long Completed, long Failures, string? FirstError);

    private sealed record IdleWatch(string Series, double? AfterSeconds);
}
