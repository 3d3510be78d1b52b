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

    /// <summary>
    /// Attempts per DynamoDB request, the first included (the SDK's standard retry mode, with its jittered back-off).
    /// The SDK's own DynamoDB default (10 retries, back-off growing to 20 s) kept one request retrying for about 100 s
    /// against a closed port; 3 attempts fail in under 2 s. Orleans retries membership reads and heartbeats itself, and
    /// grain state reads and writes are on a request's path, so few attempts are right.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The longest one attempt may take, connecting included (the SDK's <c>Timeout</c>). The SDK's default is no limit, so
    /// an unreachable endpoint that drops packets would hold a request for the operating system's TCP timeouts.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
