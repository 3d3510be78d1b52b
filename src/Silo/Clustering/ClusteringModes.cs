namespace QuiltMcp.Orleans.Silo.Clustering;

public static class ClusteringModes
{
    /// <summary>A single silo on loopback with in-memory storage; nothing external is needed.</summary>
    public const string Localhost = "localhost";

    /// <summary>Silos find each other through a DynamoDB membership table and keep durable grain state in DynamoDB.</summary>
    public const string DynamoDb = "dynamodb";
}
