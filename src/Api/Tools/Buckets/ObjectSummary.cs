using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>One object of a listing.</summary>
public sealed record ObjectSummary
{
    [JsonPropertyName("key")] public required string Key { get; init; }
    [JsonPropertyName("s3_uri")] public required string S3Uri { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("last_modified")] public DateTimeOffset? LastModified { get; init; }
    [JsonPropertyName("etag")] public string? ETag { get; init; }
}
