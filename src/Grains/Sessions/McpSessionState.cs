namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>The persisted state of an <see cref="McpSessionGrain"/>.</summary>
[GenerateSerializer, Alias("quilt.mcp-session-state.v1")]
public sealed class McpSessionState
{
    /// <summary>The live session's record; null before initialize and after the session was deleted.</summary>
    [Id(0)] public McpSessionRecord? Record { get; set; }

    /// <summary>
    /// Set when the owner deleted the session. The tombstone stays, so the id answers "not found" for good on
    /// every process instead of being rebuilt.
    /// </summary>
    [Id(1)] public McpSessionTombstone? Tombstone { get; set; }

    /// <summary>
    /// The processes (silo addresses) that opened or rebuilt the session and so may hold it in memory; each is told
    /// when the session is deleted. Bounded: see <see cref="McpSessionGrain"/>.
    /// </summary>
    [Id(2)] public List<string> Holders { get; set; } = [];
}
