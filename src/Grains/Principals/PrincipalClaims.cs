namespace QuiltMcp.Orleans.Grains.Principals;

/// <summary>
/// The decoded claims of a principal that the cluster caches. Never carries the token itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("quilt.principal-claims.v1")]
public sealed record PrincipalClaims
{
    [Id(0)] public required string Subject { get; init; }

    /// <summary>The token issuer, or null for principals that did not come from a token (desktop, anonymous).</summary>
    [Id(1)] public string? Issuer { get; init; }

    [Id(2)] public string[] Scopes { get; init; } = [];

    [Id(3)] public string[] Buckets { get; init; } = [];

    [Id(4)] public string[] Permissions { get; init; } = [];

    [Id(5)] public string[] Roles { get; init; } = [];

    [Id(6)] public string? Level { get; init; }

    [Id(7)] public string? DisplayName { get; init; }

    [Id(8)] public string? Email { get; init; }

    /// <summary>When the claims were issued (the token's <c>iat</c>, or the time they were observed).</summary>
    [Id(9)] public DateTimeOffset IssuedAt { get; init; }

    /// <summary>The IAM role ARN the token names directly (<c>aws_role_arn</c> or <c>awsRoleArn</c>), if well formed.</summary>
    [Id(10)] public string? RoleArn { get; init; }

    /// <summary>Value equality, including the contents of the lists (records alone compare arrays by reference).</summary>
    public bool Equals(PrincipalClaims? other) =>
        other is not null
        && SameIdentity(other)
        && IssuedAt == other.IssuedAt;

    /// <summary>True when both describe the same principal with the same grants, whenever they were issued.</summary>
    public bool SameIdentity(PrincipalClaims other) =>
        Subject == other.Subject
        && Issuer == other.Issuer
        && Level == other.Level
        && DisplayName == other.DisplayName
        && Email == other.Email
        && RoleArn == other.RoleArn
        && Scopes.AsSpan().SequenceEqual(other.Scopes)
        && Buckets.AsSpan().SequenceEqual(other.Buckets)
        && Permissions.AsSpan().SequenceEqual(other.Permissions)
        && Roles.AsSpan().SequenceEqual(other.Roles);

    public override int GetHashCode() => HashCode.Combine(Subject, Issuer, IssuedAt, Scopes.Length, Buckets.Length);
}
