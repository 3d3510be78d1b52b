using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>The result of <c>auth_status</c>: what the server derived from the request, never the token itself.</summary>
public sealed record AuthStatus
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
    [JsonPropertyName("role_source")] public string? RoleSource { get; init; }
    [JsonPropertyName("credentials_expire_at")] public DateTimeOffset? CredentialsExpireAt { get; init; }
    [JsonPropertyName("quilt_user_id")] public string? QuiltUserId { get; init; }
    [JsonPropertyName("catalog_user")] public Catalog.CatalogUser? CatalogUser { get; init; }

    /// <summary>Why <c>catalog_user</c> is missing although it was asked for.</summary>
    [JsonPropertyName("catalog_note")] public string? CatalogNote { get; init; }
}
