using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>One object of a listing; in a listing of versions, one version (or delete marker) of an object.</summary>
public sealed record ObjectSummary
{
    [JsonPropertyName("key")] public required string Key { get; init; }
    [JsonPropertyName("s3_uri")] public required string S3Uri { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("last_modified")] public DateTimeOffset? LastModified { get; init; }
    [JsonPropertyName("etag")] public string? ETag { get; init; }

    /// <summary>Only in a listing of versions: which version this is, and whether it is the one a plain read gets.</summary>
    [JsonPropertyName("version_id")] public string? VersionId { get; init; }
    [JsonPropertyName("is_latest")] public bool? IsLatest { get; init; }

    /// <summary>Only for a delete marker: the key was deleted at this point, and has no content in this version.</summary>
    [JsonPropertyName("delete_marker")] public bool? DeleteMarker { get; init; }
}
