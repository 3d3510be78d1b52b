using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>One page of <c>bucket_objects_list</c>; pass <see cref="NextContinuationToken"/> back for the next.</summary>
public sealed record ObjectListing
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("prefix")] public required string Prefix { get; init; }
    [JsonPropertyName("objects")] public required IReadOnlyList<ObjectSummary> Objects { get; init; }

    /// <summary>Folders one level down, when a delimiter was given.</summary>
    [JsonPropertyName("common_prefixes")] public required IReadOnlyList<string> CommonPrefixes { get; init; }
    [JsonPropertyName("is_truncated")] public bool IsTruncated { get; init; }
    [JsonPropertyName("next_continuation_token")] public string? NextContinuationToken { get; init; }
}
