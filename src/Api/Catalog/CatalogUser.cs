using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>The catalog's <c>me</c>: who the catalog thinks the bearer is.</summary>
public sealed record CatalogUser
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("isAdmin")] public bool IsAdmin { get; init; }
    [JsonPropertyName("role")] public CatalogRole? Role { get; init; }
}
