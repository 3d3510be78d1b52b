namespace QuiltMcp.Orleans.Silo.Clustering;

/// <summary>The <c>Cluster</c> section (not <c>Orleans</c>: Orleans reads that one itself): how this process joins (or forms) its cluster.</summary>
public sealed class SiloHostingOptions
{
    public const string SectionName = "Cluster";

    /// <summary><c>localhost</c> (the embedded default: one silo, in-memory storage) or <c>dynamodb</c> (ECS clusters; settings in <c>Cluster:DynamoDb</c> and <c>Cluster:GrainStorage</c>).</summary>
    public string Clustering { get; set; } = ClusteringModes.Localhost;

    public string ClusterId { get; set; } = "quilt-mcp";

    public string ServiceId { get; set; } = "quilt-mcp";

    /// <summary>Silo-to-silo port. Each process on one machine needs its own.</summary>
    public int SiloPort { get; set; } = 11111;
}
