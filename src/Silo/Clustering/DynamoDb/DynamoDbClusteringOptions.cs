namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// The <c>Cluster:DynamoDb</c> section: the DynamoDB client the silo uses (shared by membership and grain storage) and
/// the membership table. Endpoint and region are optional on purpose: left unset, the AWS SDK resolves them the
/// standard way (<c>AWS_ENDPOINT_URL_DYNAMODB</c>, <c>AWS_ENDPOINT_URL</c>, <c>AWS_REGION</c>, profile), which is what
/// ECS provides. Grain storage has its own options (<c>Cluster:GrainStorage</c>).
/// </summary>
public sealed class DynamoDbClusteringOptions
{
    public const string SectionName = "Cluster:DynamoDb";

    public string MembershipTableName { get; set; } = "quilt-mcp-membership";

    /// <summary>Explicit endpoint, e.g. a local DynamoDB. Unset: the SDK's endpoint resolution applies.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Explicit region system name (<c>us-east-1</c>). Unset: the SDK's region resolution applies.</summary>
    public string? Region { get; set; }

    /// <summary>Create a missing membership table (on-demand billing) at start-up. Off when operators provision it with IaC.</summary>
    public bool CreateIfNotExists { get; set; } = true;
}
