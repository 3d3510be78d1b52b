using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Catalog.Admin;

/// <summary>
/// A catalog user as the admin views show it (<c>admin.user.list</c> / <c>get</c>). Dates stay the catalog's own text
/// (its <c>Datetime</c> scalar): they are shown, never computed with, so no format assumption can fail a listing.
/// </summary>
public sealed record CatalogAdminUser
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("dateJoined")] public string? DateJoined { get; init; }
    [JsonPropertyName("lastLogin")] public string? LastLogin { get; init; }
    [JsonPropertyName("isActive")] public bool IsActive { get; init; }
    [JsonPropertyName("isAdmin")] public bool IsAdmin { get; init; }
    [JsonPropertyName("isSsoOnly")] public bool IsSsoOnly { get; init; }
    [JsonPropertyName("isService")] public bool IsService { get; init; }
    [JsonPropertyName("role")] public CatalogAdminRole? Role { get; init; }
    [JsonPropertyName("extraRoles")] public IReadOnlyList<CatalogAdminRole>? ExtraRoles { get; init; }
}
