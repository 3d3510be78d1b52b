namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>What remains of a deleted session: who owned it and when it ended. No client parameters.</summary>
[GenerateSerializer, Immutable, Alias("quilt.mcp-session-tombstone.v1")]
public sealed record McpSessionTombstone
{
    [Id(0)] public required string OwnerPrincipalId { get; init; }

    [Id(1)] public required DateTimeOffset DeletedAt { get; init; }
}
