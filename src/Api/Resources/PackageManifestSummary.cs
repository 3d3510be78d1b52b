using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// The <c>quilt+s3://bucket#package=name</c> resource: one revision's message, metadata, size and files, each file
/// with the <c>quilt+s3://</c> URI that reads it as a resource (pinned to this revision's top hash).
/// </summary>
public sealed record PackageManifestSummary
{
    [JsonPropertyName("uri")] public required string Uri { get; init; }
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("package")] public required string Package { get; init; }
    [JsonPropertyName("top_hash")] public required string TopHash { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("user_meta")] public JsonElement? UserMeta { get; init; }
    [JsonPropertyName("total_files")] public required int TotalFiles { get; init; }
    [JsonPropertyName("total_bytes")] public required long TotalBytes { get; init; }
    [JsonPropertyName("files")] public required IReadOnlyList<PackageManifestFile> Files { get; init; }

    /// <summary>True when <see cref="Files"/> stops before the end; package_browse pages through the rest.</summary>
    [JsonPropertyName("truncated")] public required bool Truncated { get; init; }
}
