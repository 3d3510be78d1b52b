namespace QuiltMcp.Orleans.Grains.Credentials;

/// <summary>
/// Temporary AWS credentials for one assumed role. They live only in the memory of the principal grain and travel
/// to the silo serving the request; they are never written to grain storage, logs or tool output.
/// </summary>
[GenerateSerializer, Immutable, Alias("quilt.role-credentials.v1")]
public sealed record RoleCredentials
{
    [Id(0)] public required string RoleArn { get; init; }

    [Id(1)] public required string AccessKeyId { get; init; }

    [Id(2)] public required string SecretAccessKey { get; init; }

    [Id(3)] public required string SessionToken { get; init; }

    [Id(4)] public required DateTimeOffset Expiration { get; init; }

    /// <summary>The STS assumed-role user (<c>arn:aws:sts::…:assumed-role/…/session</c>); not a secret.</summary>
    [Id(5)] public required string AssumedRoleUserArn { get; init; }

    /// <summary>The role session name sent to STS; not a secret.</summary>
    [Id(6)] public required string SessionName { get; init; }

    /// <summary>Keeps the secret parts out of any log or exception message that formats this record.</summary>
    public override string ToString() =>
        $"RoleCredentials {{ RoleArn = {RoleArn}, AssumedRoleUserArn = {AssumedRoleUserArn}, Expiration = {Expiration:O}, secrets redacted }}";
}
