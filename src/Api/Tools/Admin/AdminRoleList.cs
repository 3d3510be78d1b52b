using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>The result of <c>admin_roles_list</c>.</summary>
public sealed record AdminRoleList
{
    [JsonPropertyName("roles")] public required IReadOnlyList<AdminRoleSummary> Roles { get; init; }
}
