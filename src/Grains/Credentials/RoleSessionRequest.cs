namespace QuiltMcp.Orleans.Grains.Credentials;

/// <summary>What the front end asks a principal grain for: credentials of one role, for one subject.</summary>
/// <param name="RoleArn">The IAM role to assume; the cache key inside the grain.</param>
/// <param name="Subject">The caller's subject, for the role session name and source identity.</param>
/// <param name="SessionTags">STS session tags taken from configured claims; empty when none are configured.</param>
[GenerateSerializer, Immutable, Alias("quilt.role-session-request.v1")]
public sealed record RoleSessionRequest(
    [property: Id(0)] string RoleArn,
    [property: Id(1)] string Subject,
    [property: Id(2)] IReadOnlyDictionary<string, string> SessionTags);
