namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>
/// The MCP sessions one process holds in memory, keyed by that process's silo address
/// (<see cref="Placement.HolderSilo.KeyOf"/>) and always activated in that process, so a session grain can reach it.
/// </summary>
public interface IProcessSessionsGrain : IGrainWithStringKey
{
    /// <summary>The session was deleted: this process must stop serving it.</summary>
    Task TerminateAsync(string sessionId);
}
