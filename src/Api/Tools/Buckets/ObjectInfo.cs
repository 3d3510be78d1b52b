using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>The result of <c>bucket_object_info</c>.</summary>
public sealed record ObjectInfo
{
    [JsonPropertyName("s3_uri")] public required string S3Uri { get; init; }
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("key")] public required string Key { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("content_type")] public string? ContentType { get; init; }
    [JsonPropertyName("etag")] public string? ETag { get; init; }
    [JsonPropertyName("last_modified")] public DateTimeOffset? LastModified { get; init; }
    [JsonPropertyName("version_id")] public string? VersionId { get; init; }
    [JsonPropertyName("metadata")] public required IReadOnlyDictionary<string, string> Metadata { get; init; }
}
