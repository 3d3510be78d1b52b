namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>
/// The MCP sessions one process holds in memory, keyed by that process's silo address
/// (<see cref="Placement.HolderSilo.KeyOf"/>) and always activated in that process, so a session grain can reach it.
/// </summary>
public interface IProcessSessionsGrain : IGrainWithStringKey
{
    /// <summary>The session was deleted: this process must stop serving it.</summary>
    /// <remarks>
    /// Not retried after a silo loss: the grain lives only in the process it names, so when that process is gone there
    /// is nowhere to send the call again, and nothing there to tell.
    /// </remarks>
    Task TerminateAsync(string sessionId);
}
