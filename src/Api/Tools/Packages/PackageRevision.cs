using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>The result of <c>package_create</c> and <c>package_update</c>.</summary>
public sealed record PackageRevision
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("package")] public required string Package { get; init; }
    [JsonPropertyName("top_hash")] public required string TopHash { get; init; }

    /// <summary>The Unix time naming this revision's pointer.</summary>
    [JsonPropertyName("revision")] public required string Revision { get; init; }
    [JsonPropertyName("manifest")] public required string Manifest { get; init; }
    [JsonPropertyName("entries")] public int Entries { get; init; }
    [JsonPropertyName("total_size")] public long TotalSize { get; init; }
    [JsonPropertyName("previous_top_hash")] public string? PreviousTopHash { get; init; }
    [JsonPropertyName("uri")] public required string Uri { get; init; }

    /// <summary>With <c>copy: true</c>: how many objects were copied into the registry bucket, and their bytes.</summary>
    [JsonPropertyName("copied_objects")] public int? CopiedObjects { get; init; }
    [JsonPropertyName("copied_bytes")] public long? CopiedBytes { get; init; }
}
