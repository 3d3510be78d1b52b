using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>The result of <c>bucket_list</c>.</summary>
public sealed record BucketList
{
    /// <summary><c>catalog</c>, <c>token</c> (the bucket claims) or <c>aws</c> (ListBuckets, desktop only).</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("buckets")] public required IReadOnlyList<BucketSummary> Buckets { get; init; }
}
