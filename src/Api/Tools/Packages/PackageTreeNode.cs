using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>A file or folder of <c>package_browse</c>; folders carry the total size of their files.</summary>
public sealed record PackageTreeNode
{
    [JsonPropertyName("logical_key")] public required string LogicalKey { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("physical_key")] public string? PhysicalKey { get; init; }
    [JsonPropertyName("hash")] public EntryHash? Hash { get; init; }
    [JsonPropertyName("meta")] public JsonElement? Meta { get; init; }

    public const string File = "file";
    public const string Folder = "folder";
}
