using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>The result of <c>get_user_info</c>: who the server, via the principal's grain, thinks the caller is.</summary>
public sealed record UserInfo
{
    [JsonPropertyName("principal_id")] public required string PrincipalId { get; init; }
    [JsonPropertyName("environment")] public required string Environment { get; init; }
    [JsonPropertyName("authenticated")] public required bool Authenticated { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("level")] public string? Level { get; init; }
    [JsonPropertyName("scopes")] public required IReadOnlyList<string> Scopes { get; init; }
    [JsonPropertyName("roles")] public required IReadOnlyList<string> Roles { get; init; }
    [JsonPropertyName("buckets")] public required IReadOnlyList<string> Buckets { get; init; }
    [JsonPropertyName("principal_active_since")] public required DateTimeOffset PrincipalActiveSince { get; init; }
    [JsonPropertyName("served_by")] public required string ServedBy { get; init; }
}
