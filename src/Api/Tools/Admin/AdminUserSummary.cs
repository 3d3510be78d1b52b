using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>One catalog user of <c>admin_users_list</c>; <c>admin_user_get</c> shows more.</summary>
public sealed record AdminUserSummary
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("is_active")] public bool IsActive { get; init; }
    [JsonPropertyName("is_admin")] public bool IsAdmin { get; init; }
    /// <summary>The name of the user's active role; absent when the user has none.</summary>
    [JsonPropertyName("role")] public string? Role { get; init; }
    [JsonPropertyName("extra_roles")] public required IReadOnlyList<string> ExtraRoles { get; init; }
    [JsonPropertyName("last_login")] public string? LastLogin { get; init; }
}
