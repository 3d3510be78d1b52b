using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>One entry of the catalog's <c>bucketConfigs</c>: a bucket the bearer may browse.</summary>
public sealed record CatalogBucketConfig
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
}
