using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>A package revision named by package and top hash.</summary>
public sealed record PackageRevisionRef
{
    [JsonPropertyName("package")] public required string Package { get; init; }
    [JsonPropertyName("top_hash")] public required string TopHash { get; init; }
}
