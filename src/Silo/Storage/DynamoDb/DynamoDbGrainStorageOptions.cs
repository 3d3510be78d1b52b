namespace QuiltMcp.Orleans.Silo.Storage.DynamoDb;

/// <summary>
/// One DynamoDB grain storage provider, as named options per provider name (Orleans' convention for storage
/// providers). The server binds every provider from the <c>Cluster:GrainStorage</c> section, so <c>Default</c> and
/// <c>mcp-sessions</c> share one table; their keys differ by state name and grain id. The connection (endpoint, region,
/// credentials) is the cluster's DynamoDB client, configured in <c>Cluster:DynamoDb</c>.
/// </summary>
public sealed class DynamoDbGrainStorageOptions
{
    public const string SectionName = "Cluster:GrainStorage";

    public string TableName { get; set; } = "quilt-mcp-grain-state";

    /// <summary>
    /// How long grain state outlives its last write. Refreshed on every write; DynamoDB TTL deletes the item after it,
    /// and reads treat an expired item as absent because TTL deletion lags by up to days.
    /// </summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Create a missing table (on-demand billing) and enable its TTL at start-up. Off when operators provision the table
    /// with IaC; the task role then needs neither <c>dynamodb:CreateTable</c> nor the TTL permissions.
    /// </summary>
    public bool CreateIfNotExists { get; set; } = true;
}
