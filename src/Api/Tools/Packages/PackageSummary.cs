using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>One named package of <c>package_list</c>.</summary>
public sealed record PackageSummary
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("top_hash")] public required string TopHash { get; init; }
    [JsonPropertyName("modified")] public DateTimeOffset? Modified { get; init; }
}
