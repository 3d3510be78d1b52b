using System.ComponentModel;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Bench.Baseline;

/// <summary>A non-I/O tool with quilt-mcp's name and a result of the same shape; it knows no caller, so it reports a fixed one.</summary>
[McpServerToolType]
public sealed class BaselineTools
{
    private static readonly string[] Scopes = ["public:read"];

    [McpServerTool(Name = "auth_status", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Shows how this request is authenticated (baseline: always the same fixed answer).")]
    public static BaselineAuthStatus GetAuthStatus() => new()
    {
        Environment = "web-unauthenticated",
        Authenticated = false,
        Scheme = null,
        PrincipalId = "anonymous",
        Subject = null,
        Issuer = null,
        Scopes = Scopes,
        BucketCount = 0,
    };
}
