using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>One catalog role of <c>admin_roles_list</c>.</summary>
public sealed record AdminRoleSummary
{
    public const string Managed = "managed";
    public const string Unmanaged = "unmanaged";

    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary><c>managed</c>: the catalog manages its IAM role from policies; <c>unmanaged</c>: an IAM role it only names.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    /// <summary>The titles of the policies attached to a managed role; absent for an unmanaged one.</summary>
    [JsonPropertyName("policies")] public IReadOnlyList<string>? Policies { get; init; }
}
