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
}
