using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Search;

/// <summary>An S3 object <c>search_catalog</c> found: its <c>s3_uri</c> opens it with the object read tools.</summary>
public sealed record ObjectSearchHit
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("key")] public required string Key { get; init; }
    [JsonPropertyName("version_id")] public string? VersionId { get; init; }

    /// <summary><c>s3://bucket/key</c>, with <c>?versionId=</c> when the catalog names the version.</summary>
    [JsonPropertyName("s3_uri")] public required string S3Uri { get; init; }

    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("last_modified")] public DateTimeOffset? LastModified { get; init; }

    /// <summary>The start of the object's indexed text, shortened.</summary>
    [JsonPropertyName("snippet")] public string? Snippet { get; init; }
}
