namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>The grain storage provider that holds MCP session state; durable (DynamoDB) when clustered.</summary>
public static class McpSessionStorage
{
    public const string ProviderName = "mcp-sessions";
}
