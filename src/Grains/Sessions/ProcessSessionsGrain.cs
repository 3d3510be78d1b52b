using Orleans.Concurrency;
using QuiltMcp.Orleans.Grains.Placement;

namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>Hands a deleted session id to this process's front end (see <see cref="IProcessSessionsGrain"/>).</summary>
[KeyedSiloPlacement, Reentrant]
public sealed class ProcessSessionsGrain(IEnumerable<ISessionTerminationListener> listeners) : Grain, IProcessSessionsGrain
{
    public Task TerminateAsync(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        foreach (var listener in listeners)
        {
            listener.SessionTerminated(sessionId);
        }

        return Task.CompletedTask;
    }
}
