using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>A catalog role, as named in <c>me.role</c>.</summary>
public sealed record CatalogRole
{
    [JsonPropertyName("name")] public string? Name { get; init; }
}
