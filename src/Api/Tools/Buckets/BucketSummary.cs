using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>One bucket the caller may use. A grant ending in <c>*</c> is listed as the pattern it is.</summary>
public sealed record BucketSummary
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("pattern")] public bool Pattern { get; init; }
}
