using System.Collections.Concurrent;
using QuiltMcp.Orleans.Grains.Sessions;

namespace QuiltMcp.Orleans.Grains.Tests;

/// <summary>One per silo: the session ids that silo was told to stop serving.</summary>
public sealed class RecordingTerminationListener : ISessionTerminationListener
{
    private readonly ConcurrentQueue<string> _terminated = new();

    public IReadOnlyCollection<string> Terminated => _terminated.ToArray();

    public void SessionTerminated(string sessionId) => _terminated.Enqueue(sessionId);
}
