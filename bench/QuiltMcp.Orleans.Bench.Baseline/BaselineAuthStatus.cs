using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Bench.Baseline;

/// <summary>The same shape and roughly the same size as quilt-mcp's <c>auth_status</c> result, so serialization costs match.</summary>
public sealed record BaselineAuthStatus
{
    [JsonPropertyName("environment")] public required string Environment { get; init; }
    [JsonPropertyName("authenticated")] public required bool Authenticated { get; init; }
    [JsonPropertyName("scheme")] public string? Scheme { get; init; }
    [JsonPropertyName("principal_id")] public string? PrincipalId { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("issuer")] public string? Issuer { get; init; }
    [JsonPropertyName("scopes")] public required IReadOnlyList<string> Scopes { get; init; }
    [JsonPropertyName("bucket_count")] public required int BucketCount { get; init; }
    [JsonPropertyName("role_arn")] public string? RoleArn { get; init; }
    [JsonPropertyName("quilt_user_id")] public string? QuiltUserId { get; init; }
}
