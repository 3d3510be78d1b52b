namespace QuiltMcp.Orleans.Silo.Storage;

/// <summary>Names of the grain storage providers the silo registers in every clustering mode.</summary>
public static class GrainStorageNames
{
    /// <summary>Durable MCP session state; must outlive the silo that created it, so it is DynamoDB when clustered.</summary>
    public const string McpSessions = QuiltMcp.Orleans.Grains.Sessions.McpSessionStorage.ProviderName;
}
