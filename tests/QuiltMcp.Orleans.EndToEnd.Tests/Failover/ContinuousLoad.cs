using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;
using QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>
/// Long-lived MCP sessions (initialize handshake) of several users, each calling <c>auth_status</c> again as soon as
/// the previous answer arrived, every call sent through the <see cref="RoundRobinRouter"/>. Every user's token
/// selects a role, so every call asks that user's principal grain for its cached credentials: a call succeeds only
/// if its session and its principal grain were both reachable. Stopping sends no new calls but lets those in flight
/// finish, as a client would.
/// </summary>
public sealed class ContinuousLoad : IAsyncDisposable
{
    private readonly RoundRobinRouter _router;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<LoadCall> _calls = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<LoadSession> _sessions = [];
    private Task _running = Task.CompletedTask;

    private ContinuousLoad(RoundRobinRouter router) => _router = router;

    public IReadOnlyList<LoadSession> Sessions => _sessions;

    /// <summary>The load's clock, which <see cref="LoadCall"/> times are read on.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Every call answered so far.</summary>
    public IReadOnlyList<LoadCall> Calls => [.. _calls];

    /// <summary>Opens <paramref name="sessionsPerUser"/> sessions for each of <paramref name="users"/> users, then starts calling.</summary>
    public static async Task<ContinuousLoad> StartAsync(RoundRobinRouter router, int users, int sessionsPerUser)
    {
        var load = new ContinuousLoad(router);
        for (var user = 0; user < users; user++)
        {
            var subject = $"load-user-{user}";
            var token = TestTokens.Issue(subject, roles: [$"load-role-{user}"]);
            for (var i = 0; i < sessionsPerUser; i++)
            {
                var id = await SessionResumptionTests.InitializeAsync(router.Next().Http, token);
                load._sessions.Add(new LoadSession(load._sessions.Count, token, id, $"|{subject}\"", $"load-role-{user}\""));
            }
        }

        load._running = Task.WhenAll(load._sessions.Select(load.CallRepeatedlyAsync));
        return load;
    }

    /// <summary>Lets the calls go on for <paramref name="duration"/>.</summary>
    public Task RunForAsync(TimeSpan duration) => Task.Delay(duration);

    /// <summary>Sends no more calls, waits for those in flight, and returns every call made.</summary>
    public async Task<IReadOnlyList<LoadCall>> StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
        return Calls;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    /// <summary>One session's calls, one after the other, each to the process the router names, until the load stops.</summary>
    private async Task CallRepeatedlyAsync(LoadSession session)
    {
        // Off the caller's thread: the first call must not run synchronously inside StartAsync.
        await Task.Yield();
        var next = 0;
        while (!_stop.IsCancellationRequested)
        {
            var target = _router.Next();
            var start = Now;
            var failure = await CallAsync(target, session, ++next);
            _calls.Enqueue(new LoadCall(session.Index, target.Port, start, Now, failure));
        }
    }

    private static async Task<string?> CallAsync(RoutedTarget target, LoadSession session, int id)
    {
        var body = """{"jsonrpc":"2.0","id":ID,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}"""
            .Replace("ID", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        try
        {
            using var response = await McpHttpTests.PostAsync(target.Http, session.Id, body,
                request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode} from :{target.Port}: {Shorten(text)}";
            }

            var answer = await McpHttpTests.ReadJsonRpcAsync(response);
            if (!answer.TryGetProperty("result", out var result))
            {
                return $"JSON-RPC error from :{target.Port}: {Shorten(text)}";
            }

            if (result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True)
            {
                return $"tool error from :{target.Port}: {Shorten(result.GetProperty("content")[0].GetProperty("text").GetString() ?? "")}";
            }

            return session.IsAnsweredBy(text)
                ? null
                : $"wrong answer from :{target.Port}: {Shorten(text)}";
        }
        catch (HttpRequestException exception)
        {
            return $"{exception.GetType().Name} from :{target.Port}: {exception.Message}";
        }
        catch (TaskCanceledException)
        {
            return $"no answer from :{target.Port} within the router's call timeout";
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
