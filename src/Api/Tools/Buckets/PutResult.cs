using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>The result of <c>bucket_objects_put</c>: one entry per item, in the order given.</summary>
public sealed record PutResult
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("written")] public int Written { get; init; }
    [JsonPropertyName("failed")] public int Failed { get; init; }
    [JsonPropertyName("items")] public required IReadOnlyList<PutItemResult> Items { get; init; }
}
