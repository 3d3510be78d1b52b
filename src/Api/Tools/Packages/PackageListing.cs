using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>The result of <c>package_list</c>.</summary>
public sealed record PackageListing
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("packages")] public required IReadOnlyList<PackageSummary> Packages { get; init; }
    [JsonPropertyName("truncated")] public bool Truncated { get; init; }
}
