using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>
/// The result of <c>package_diff</c>: logical keys only in <see cref="B"/> (added), only in <see cref="A"/>
/// (removed), and in both with different hash, size or metadata (modified).
/// </summary>
public sealed record PackageDiff
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("a")] public required PackageRevisionRef A { get; init; }
    [JsonPropertyName("b")] public required PackageRevisionRef B { get; init; }
    [JsonPropertyName("added")] public required IReadOnlyList<string> Added { get; init; }
    [JsonPropertyName("removed")] public required IReadOnlyList<string> Removed { get; init; }
    [JsonPropertyName("modified")] public required IReadOnlyList<string> Modified { get; init; }
}
