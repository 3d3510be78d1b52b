using System.Collections.Concurrent;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Which MCP sessions this process holds in memory and when each last received a request. The SDK closes an
/// idle session for two reasons only: more idle sessions than <see cref="McpSessionOptions.MaxIdleSessionCount"/>,
/// or one idle for <see cref="McpSessionOptions.IdleTimeout"/>. Knowing both lets
/// <see cref="SessionEvictionRetryMiddleware"/> protect exactly the requests that can lose their session, and let
/// every other request through without buffering it.
/// </summary>
public sealed class McpSessionCensus(IOptions<McpSessionOptions> options, TimeProvider time)
{
    /// <summary>
    /// Pruning by count starts only past the cap; protecting from 90 % of it leaves room for the sessions that open
    /// between a request's check and the SDK's next pruning pass.
    /// </summary>
    private const double CountMargin = 0.9;

    /// <summary>
    /// The SDK looks for sessions past their idle timeout every few seconds; a request for a session idle nearly
    /// that long is protected well before it can be found.
    /// </summary>
    private static readonly TimeSpan IdleMargin = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, long> _lastRequest = new(StringComparer.Ordinal);
    private int _live;

    /// <summary>Sessions this process holds now (including ones about to be closed).</summary>
    public int Live => Volatile.Read(ref _live);

    /// <summary>Runs one session for the SDK and keeps it counted while it lives.</summary>
    public async Task RunSessionAsync(HttpContext context, McpServer server, CancellationToken cancellationToken)
    {
        // For 2026-07-28 clients the SDK runs a server per request; whatever id it has is counted only that long.
        using var held = server.SessionId is { } id ? Hold(id) : null;
        await server.RunAsync(cancellationToken);
    }

    /// <summary>Counts <paramref name="sessionId"/> as held here until the result is disposed.</summary>
    internal IDisposable? Hold(string sessionId)
    {
        if (!_lastRequest.TryAdd(sessionId, time.GetTimestamp()))
        {
            return null;
        }

        Interlocked.Increment(ref _live);
        return new HeldSession(this, sessionId);
    }

    private void Release(string sessionId)
    {
        if (_lastRequest.TryRemove(sessionId, out _))
        {
            Interlocked.Decrement(ref _live);
        }
    }

    /// <summary>
    /// Records a request for <paramref name="sessionId"/> and says whether the SDK could close that session while
    /// the request runs: the session is not (yet) held here, the process is near its session cap, or the session was
    /// idle nearly long enough to time out.
    /// </summary>
    public bool MayBeClosedDuringRequest(string sessionId)
    {
        var settings = options.Value;
        var now = time.GetTimestamp();
        if (!_lastRequest.TryGetValue(sessionId, out var previous))
        {
            // Not held here (opened on another process, or closed and about to be rebuilt): protected, as is every
            // request should the SDK stop reporting sessions to RunSessionAsync.
            return true;
        }

        _lastRequest.TryUpdate(sessionId, now, previous);
        return Live >= settings.MaxIdleSessionCount * CountMargin
            || time.GetElapsedTime(previous, now) >= settings.IdleTimeout - IdleMargin;
    }

    private sealed class HeldSession(McpSessionCensus census, string sessionId) : IDisposable
    {
        public void Dispose() => census.Release(sessionId);
    }
}
