using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>The result of <c>bucket_object_text</c>.</summary>
public sealed record ObjectText
{
    [JsonPropertyName("s3_uri")] public required string S3Uri { get; init; }
    [JsonPropertyName("encoding")] public required string Encoding { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }

    /// <summary>True when the object is longer than <c>max_bytes</c> and only its beginning is returned.</summary>
    [JsonPropertyName("truncated")] public bool Truncated { get; init; }
    [JsonPropertyName("bytes_read")] public int BytesRead { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }
    [JsonPropertyName("content_type")] public string? ContentType { get; init; }

    /// <summary>The version read, when the bucket is versioned.</summary>
    [JsonPropertyName("version_id")] public string? VersionId { get; init; }
}
