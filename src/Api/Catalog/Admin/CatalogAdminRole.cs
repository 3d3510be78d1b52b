using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Catalog.Admin;

/// <summary>
/// A catalog role (the <c>Role</c> union): managed roles carry the policies the catalog attaches to them; unmanaged
/// roles are IAM roles the catalog only names.
/// </summary>
public sealed record CatalogAdminRole
{
    public const string ManagedTypeName = "ManagedRole";

    [JsonPropertyName("__typename")] public required string TypeName { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("policies")] public IReadOnlyList<CatalogPolicy>? Policies { get; init; }

    public bool IsManaged => TypeName == ManagedTypeName;
}
