using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>The result of <c>package_browse</c>.</summary>
public sealed record PackageTree
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("package")] public required string Package { get; init; }
    [JsonPropertyName("top_hash")] public required string TopHash { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("user_meta")] public JsonElement? UserMeta { get; init; }
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("entries")] public required IReadOnlyList<PackageTreeNode> Entries { get; init; }
    [JsonPropertyName("total_files")] public int TotalFiles { get; init; }
    [JsonPropertyName("truncated")] public bool Truncated { get; init; }
}
