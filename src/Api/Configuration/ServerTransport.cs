namespace QuiltMcp.Orleans.Api.Configuration;

/// <summary>How MCP reaches the server.</summary>
public enum ServerTransport
{
    /// <summary>MCP Streamable HTTP at <c>/mcp</c> (also selected by the seeds' name <c>http</c>).</summary>
    StreamableHttp,

    /// <summary>JSON-RPC over stdin/stdout for desktop clients; logs go to stderr.</summary>
    Stdio,
}
