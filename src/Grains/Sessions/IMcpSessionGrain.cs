using Orleans.Concurrency;

namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>
/// One MCP session, keyed by its <c>Mcp-Session-Id</c>. Its state is durable, so a session started on one silo
/// can be resumed on any other, also after the first silo is gone.
/// </summary>
public interface IMcpSessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the session at initialize. Returns false, changing nothing, when the session already belongs to
    /// another principal (a session id is never handed over to a different user).
    /// </summary>
    Task<bool> RecordAsync(McpSessionRecord record);

    /// <summary>The record, or null for a session this cluster never saw (or that expired).</summary>
    [ReadOnly]
    Task<McpSessionRecord?> GetAsync();
}
