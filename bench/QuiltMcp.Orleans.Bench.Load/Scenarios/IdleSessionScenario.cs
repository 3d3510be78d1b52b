using System.Diagnostics;
using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Mcp;
using QuiltMcp.Orleans.Bench.Load.Results;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>
/// Memory per idle session: RSS of a warmed-up idle server, then RSS after opening <c>count</c> more sessions and
/// leaving them idle; the difference divided by the sessions opened. The client keeps only the session ids
/// (no per-session connections), and opening stops at the time limit whatever the count reached.
/// Afterwards a sample of sessions, spread from oldest to newest, is called once to see which still exist
/// (the SDK evicts the oldest idle sessions beyond its MaxIdleSessionCount).
/// </summary>
public sealed class IdleSessionScenario(BenchServerStarter starter, LoadSettings settings, int count, TimeSpan timeLimit)
{
    private const int WarmupSessions = 200;
    private const int AliveSample = 50;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public string Name => $"idle-sessions-{count}";

    public async Task<RunResult> RunAsync(ServerKind kind)
    {
        await using var server = await starter.StartReadyAsync(kind);
        var tokens = BenchTokens.ForPrincipals(settings.Principals, settings.TokenSecret);
        using var http = McpWire.CreateClient(Math.Max(settings.Concurrency, 16));
        var opener = new McpSessionOpener(http);

        await OpenManyAsync(opener, server.McpUri, tokens, WarmupSessions, TimeSpan.FromSeconds(60));
        await Task.Delay(Settle);
        var idleRss = server.RssKb;

        var clock = Stopwatch.StartNew();
        var (opened, failures) = await OpenManyAsync(opener, server.McpUri, tokens, count, timeLimit);
        var openSeconds = clock.Elapsed.TotalSeconds;
        var timedOut = clock.Elapsed >= timeLimit;
        await Task.Delay(Settle);
        var loadedRss = server.RssKb;

        var alive = await SampleAliveAsync(http, server.McpUri, opened);
        var perSession = idleRss is { } before && loadedRss is { } after && opened.Count > 0
            ? Math.Round((after - before) * 1024.0 / opened.Count, 0)
            : (double?)null;
        return new RunResult
        {
            Scenario = Name,
            Server = Report.Label(kind),
            Concurrency = settings.Concurrency,
            Principals = settings.Principals,
            DurationS = Math.Round(openSeconds, 2),
            Requests = opened.Count + failures,
            Errors = failures,
            SessionsOpened = opened.Count,
            Rps = Math.Round(opened.Count / openSeconds, 1),
            IdleRssKb = idleRss,
            RssKb = loadedRss,
            BytesPerSession = perSession,
            SessionsAliveSampled = alive,
            FirstError = opener.FirstFailure,
            Gc = GcModeProbe.Describe(server.Process.Id),
            Note = timedOut ? $"time limit {timeLimit.TotalSeconds:0}s reached after {opened.Count} of {count} sessions" : null,
        };
    }

    private async Task<(List<OpenedSession> Opened, long Failures)> OpenManyAsync(
        McpSessionOpener opener, Uri endpoint, string[] tokens, int target, TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        var opened = new OpenedSession[target];
        long next = -1;
        long failures = 0;

        async Task Worker()
        {
            long index;
            while (!deadline.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < target)
            {
                var authorization = tokens[index % tokens.Length];
                try
                {
                    var id = await opener.OpenAsync(endpoint, authorization, deadline.Token);
                    if (id is null)
                    {
                        Interlocked.Increment(ref failures);
                    }
                    else
                    {
                        opened[index] = new OpenedSession(authorization, id);
                    }
                }
                catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException)
                {
                    if (!deadline.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(Worker)));
        return (opened.Where(session => session is not null).ToList(), failures);
    }

    /// <returns>"alive/sampled", oldest to newest.</returns>
    private async Task<string> SampleAliveAsync(HttpClient http, Uri endpoint, List<OpenedSession> opened)
    {
        if (opened.Count == 0)
        {
            return "0/0";
        }

        var sample = Enumerable.Range(0, Math.Min(AliveSample, opened.Count))
            .Select(i => opened[(int)((long)i * (opened.Count - 1) / Math.Max(1, Math.Min(AliveSample, opened.Count) - 1))])
            .ToList();
        var alive = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var session in sample)
        {
            using var request = McpWire.SessionToolCall(endpoint, session.Authorization, session.Id, settings.Tool, settings.ArgumentsJson, 2);
            using var response = await http.SendAsync(request, timeout.Token);
            if (await McpWire.IsResultAsync(response, timeout.Token))
            {
                alive++;
            }
        }

        return $"{alive}/{sample.Count}";
    }

    private sealed record OpenedSession(string Authorization, string Id);
}
