namespace QuiltMcp.Orleans.Grains.Credentials;

/// <summary>
/// The answer of a principal grain to a credentials request: credentials, or the STS error that prevented them.
/// A result instead of an exception, so the AWS error code crosses silos intact.
/// </summary>
[GenerateSerializer, Immutable, Alias("quilt.role-credentials-result.v1")]
public sealed record RoleCredentialsResult
{
    [Id(0)] public RoleCredentials? Credentials { get; init; }

    /// <summary>True when the credentials came from the grain's cache without a call to STS.</summary>
    [Id(1)] public bool FromCache { get; init; }

    /// <summary>The AWS error code (for example <c>AccessDenied</c>) when no usable credentials exist.</summary>
    [Id(2)] public string? ErrorCode { get; init; }

    [Id(3)] public string? ErrorMessage { get; init; }

    public bool Succeeded => Credentials is not null;

    public static RoleCredentialsResult Success(RoleCredentials credentials, bool fromCache) =>
        new() { Credentials = credentials, FromCache = fromCache };

    public static RoleCredentialsResult Failure(string errorCode, string errorMessage) =>
        new() { ErrorCode = errorCode, ErrorMessage = errorMessage };

    public override string ToString() => Succeeded
        ? $"RoleCredentialsResult {{ {Credentials}, FromCache = {FromCache} }}"
        : $"RoleCredentialsResult {{ ErrorCode = {ErrorCode} }}";
}
