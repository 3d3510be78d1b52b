namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>
/// Implemented by the process's MCP front end: forgets a session it may hold in memory once its owner deleted it
/// (on this or any other process). Registered in the silo's services; the <see cref="IProcessSessionsGrain"/> of
/// this process calls it.
/// </summary>
public interface ISessionTerminationListener
{
    void SessionTerminated(string sessionId);
}
