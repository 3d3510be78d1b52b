using QuiltMcp.Orleans.Grains.SiloLoss;

namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>
/// One MCP session, keyed by its <c>Mcp-Session-Id</c>. Its state is durable, so a session started on one silo
/// can be resumed on any other, also after the first silo is gone; and a deleted session stays deleted everywhere.
/// </summary>
public interface IMcpSessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the session at initialize, held in memory by <paramref name="holder"/> (a silo address). Returns false,
    /// changing nothing, when the session already belongs to another principal or was deleted (a session id is never
    /// handed over to a different user, nor brought back).
    /// </summary>
    /// <remarks>Safe to repeat: a second run finds the same record and holder already written, and writes nothing.</remarks>
    [RetryOnSiloLoss]
    Task<bool> RecordAsync(McpSessionRecord record, string holder);

    /// <summary>
    /// The record, for <paramref name="principalId"/> only, to rebuild the session in <paramref name="holder"/>; that
    /// process is then told if the session is deleted later.
    /// </summary>
    /// <remarks>Safe to repeat: a second run finds the holder already written, and writes nothing.</remarks>
    [RetryOnSiloLoss]
    Task<SessionResume> ResumeAsync(string principalId, string holder);

    /// <summary>
    /// Ends the session for good when <paramref name="principalId"/> owns it, and tells every process that may hold it
    /// in memory to stop serving it.
    /// </summary>
    /// <remarks>
    /// Safe to repeat: after a first run that wrote the tombstone, a second finds it and answers
    /// <see cref="SessionDeleteStatus.AlreadyDeleted"/>; the session is deleted either way.
    /// </remarks>
    [RetryOnSiloLoss]
    Task<SessionDeleteStatus> DeleteAsync(string principalId);
}
