using System.Collections.Concurrent;
using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Session ids whose owner deleted the session while this process may still hold it in memory (the DELETE went to
/// another process, or raced a request here). <see cref="SessionTerminationMiddleware"/> answers 404 for them
/// before the SDK could serve the session again. An id is kept until the SDK has certainly dropped the session
/// itself (its idle timeout, counted from the deletion, since no request reaches it after that); a later request
/// then goes through the migration handler, where the session grain's tombstone refuses it for good.
/// </summary>
public sealed class TerminatedSessions(IOptions<McpSessionOptions> options, TimeProvider time) : ISessionTerminationListener
{
    /// <summary>The SDK looks for idle sessions every few seconds; this covers that pass with room to spare.</summary>
    private static readonly TimeSpan PruningMargin = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _forgetAt = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Ids remembered now (for tests and diagnostics).</summary>
    public int Count => Volatile.Read(ref _count);

    public void SessionTerminated(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var now = time.GetUtcNow();
        if (_forgetAt.TryAdd(sessionId, now + options.Value.IdleTimeout + PruningMargin))
        {
            Interlocked.Increment(ref _count);
        }

        Sweep(now);
    }

    /// <summary>True when <paramref name="sessionId"/> was deleted and this process must not serve it.</summary>
    public bool IsTerminated(string sessionId)
    {
        // Almost always empty: no dictionary lookup on the hot path.
        if (Volatile.Read(ref _count) == 0 || !_forgetAt.TryGetValue(sessionId, out var forgetAt))
        {
            return false;
        }

        if (forgetAt > time.GetUtcNow())
        {
            return true;
        }

        Forget(sessionId);
        return false;
    }

    /// <summary>Deletions are rare (one per DELETE of a session), so each one also drops the ids that expired.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (sessionId, forgetAt) in _forgetAt)
        {
            if (forgetAt <= now)
            {
                Forget(sessionId);
            }
        }
    }

    private void Forget(string sessionId)
    {
        if (_forgetAt.TryRemove(sessionId, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
