using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>The result of <c>admin_policies_list</c>.</summary>
public sealed record AdminPolicyList
{
    [JsonPropertyName("policies")] public required IReadOnlyList<AdminPolicySummary> Policies { get; init; }
}
