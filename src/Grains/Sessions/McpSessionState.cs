namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>The persisted state of an <see cref="McpSessionGrain"/>.</summary>
[GenerateSerializer, Alias("quilt.mcp-session-state.v1")]
public sealed class McpSessionState
{
    [Id(0)] public McpSessionRecord? Record { get; set; }
}
