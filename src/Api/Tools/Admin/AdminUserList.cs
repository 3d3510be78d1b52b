using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>The result of <c>admin_users_list</c>.</summary>
public sealed record AdminUserList
{
    [JsonPropertyName("users")] public required IReadOnlyList<AdminUserSummary> Users { get; init; }
}
