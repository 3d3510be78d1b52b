using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>One catalog policy of <c>admin_policies_list</c>.</summary>
public sealed record AdminPolicySummary
{
    [JsonPropertyName("title")] public required string Title { get; init; }
    /// <summary>The catalog manages the policy from its bucket permissions; otherwise it is an IAM policy the catalog only names.</summary>
    [JsonPropertyName("managed")] public bool Managed { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("permissions")] public required IReadOnlyList<AdminBucketPermission> Permissions { get; init; }
    /// <summary>The names of the roles the policy is attached to.</summary>
    [JsonPropertyName("roles")] public required IReadOnlyList<string> Roles { get; init; }
}
