using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>The result of <c>admin_user_get</c>: one catalog user.</summary>
public sealed record AdminUserDetail
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("is_active")] public bool IsActive { get; init; }
    [JsonPropertyName("is_admin")] public bool IsAdmin { get; init; }
    /// <summary>Signs in through SSO only (no password).</summary>
    [JsonPropertyName("is_sso_only")] public bool IsSsoOnly { get; init; }
    /// <summary>A service account rather than a person.</summary>
    [JsonPropertyName("is_service")] public bool IsService { get; init; }
    [JsonPropertyName("role")] public string? Role { get; init; }
    [JsonPropertyName("extra_roles")] public required IReadOnlyList<string> ExtraRoles { get; init; }
    [JsonPropertyName("date_joined")] public string? DateJoined { get; init; }
    [JsonPropertyName("last_login")] public string? LastLogin { get; init; }
}
