using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>What happened to one item of <c>bucket_objects_put</c>.</summary>
public sealed record PutItemResult
{
    [JsonPropertyName("key")] public required string Key { get; init; }
    [JsonPropertyName("s3_uri")] public required string S3Uri { get; init; }
    [JsonPropertyName("written")] public bool Written { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("etag")] public string? ETag { get; init; }
    [JsonPropertyName("version_id")] public string? VersionId { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
}
