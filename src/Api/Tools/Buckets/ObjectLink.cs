using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>The result of <c>bucket_object_link</c>.</summary>
public sealed record ObjectLink
{
    [JsonPropertyName("s3_uri")] public required string S3Uri { get; init; }
    [JsonPropertyName("url")] public required string Url { get; init; }

    /// <summary>The version the link downloads, when one was asked for; without it the link follows the current version.</summary>
    [JsonPropertyName("version_id")] public string? VersionId { get; init; }
    [JsonPropertyName("expires_at")] public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// When the role's credentials expire before the asked lifetime, the URL stops working then: a presigned URL is
    /// only as good as the credentials that signed it.
    /// </summary>
    [JsonPropertyName("credentials_expire_at")] public DateTimeOffset? CredentialsExpireAt { get; init; }
}
