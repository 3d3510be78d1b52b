using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Catalog.Admin;

/// <summary>What a managed policy grants on one bucket: <c>READ</c> or <c>READ_WRITE</c>.</summary>
public sealed record CatalogPolicyPermission
{
    [JsonPropertyName("bucket")] public required CatalogBucketConfig Bucket { get; init; }
    [JsonPropertyName("level")] public required string Level { get; init; }
}
