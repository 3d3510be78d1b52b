namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// The <c>Cluster:DynamoDb</c> section: where the membership table and the durable grain state live.
/// Endpoint and region are optional on purpose: left unset, the AWS SDK resolves them the standard way
/// (<c>AWS_ENDPOINT_URL_DYNAMODB</c>, <c>AWS_ENDPOINT_URL</c>, <c>AWS_REGION</c>, profile), which is what ECS provides.
/// </summary>
public sealed class DynamoDbClusteringOptions
{
    public const string SectionName = "Cluster:DynamoDb";

    public string MembershipTableName { get; set; } = "quilt-mcp-membership";

    public string GrainStateTableName { get; set; } = "quilt-mcp-grain-state";

    /// <summary>Explicit endpoint, e.g. a local DynamoDB. Unset: the SDK's endpoint resolution applies.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Explicit region system name (<c>us-east-1</c>). Unset: the SDK's region resolution applies.</summary>
    public string? Region { get; set; }

    /// <summary>Create a missing table (on-demand billing) at start-up. Off when operators provision tables with IaC.</summary>
    public bool CreateIfNotExists { get; set; } = true;

    /// <summary>
    /// How long grain state outlives its last write. Refreshed on every write; DynamoDB TTL deletes the item after it,
    /// and reads treat an expired item as absent because TTL deletion lags by up to days.
    /// </summary>
    public TimeSpan GrainStateTimeToLive { get; set; } = TimeSpan.FromDays(7);
}
