namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>
/// What a silo needs to resume an MCP session it has never seen: the client's initialize parameters and who
/// owns the session. Never a token or a credential: the principal grain recomputes those.
/// </summary>
[GenerateSerializer, Immutable, Alias("quilt.mcp-session-record.v1")]
public sealed record McpSessionRecord
{
    /// <summary>The principal grain key of the user who initialized the session.</summary>
    [Id(0)] public required string OwnerPrincipalId { get; init; }

    /// <summary>The client's <c>initialize</c> parameters (client info, capabilities, protocol version) as JSON.</summary>
    [Id(1)] public required string InitializeParametersJson { get; init; }

    [Id(2)] public required DateTimeOffset CreatedAt { get; init; }
}
