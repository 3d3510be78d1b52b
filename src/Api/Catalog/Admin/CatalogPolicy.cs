using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Catalog.Admin;

/// <summary>A catalog policy: bucket permissions the catalog manages (or an IAM policy it only names) and the roles using it.</summary>
public sealed record CatalogPolicy
{
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("managed")] public bool Managed { get; init; }
    [JsonPropertyName("permissions")] public IReadOnlyList<CatalogPolicyPermission>? Permissions { get; init; }
    [JsonPropertyName("roles")] public IReadOnlyList<CatalogAdminRole>? Roles { get; init; }
}
