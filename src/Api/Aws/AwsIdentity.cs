using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// The result of <c>aws_identity</c>: which AWS identity tools act as for this request. Identifiers and times
/// only; no key, secret or session token.
/// </summary>
public sealed record AwsIdentity
{
    [JsonPropertyName("environment")] public required string Environment { get; init; }
    [JsonPropertyName("principal_id")] public string? PrincipalId { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("role_arn")] public string? RoleArn { get; init; }
    [JsonPropertyName("role_source")] public string? RoleSource { get; init; }
    [JsonPropertyName("assumed_role_user")] public string? AssumedRoleUser { get; init; }
    [JsonPropertyName("credentials_expire_at")] public DateTimeOffset? CredentialsExpireAt { get; init; }
    [JsonPropertyName("region")] public required string Region { get; init; }
    [JsonPropertyName("request_id")] public string? RequestId { get; init; }
    [JsonPropertyName("quilt_user_id")] public string? QuiltUserId { get; init; }
}
