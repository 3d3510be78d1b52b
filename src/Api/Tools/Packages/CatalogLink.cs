using System.Text.Json.Serialization;
using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>The result of <c>catalog_url</c> and <c>catalog_uri</c>.</summary>
public sealed record CatalogLink
{
    [JsonPropertyName("bucket")] public required string Bucket { get; init; }
    [JsonPropertyName("package")] public string? Package { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("uri")] public string? Uri { get; init; }
}
