using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>One file of a <see cref="PackageManifestSummary"/>.</summary>
public sealed record PackageManifestFile
{
    [JsonPropertyName("logical_key")] public required string LogicalKey { get; init; }
    [JsonPropertyName("size")] public required long Size { get; init; }
    [JsonPropertyName("uri")] public required string Uri { get; init; }
}
