using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>What a successfully validated bearer token says about its caller. Never holds the token.</summary>
/// <param name="Principal">The decoded Quilt claims (subject, scopes, buckets, permissions, roles…).</param>
/// <param name="PrincipalKey">The principal grain key, from issuer and subject (<see cref="PrincipalKeys.ForToken"/>).</param>
/// <param name="Claims">Every payload claim as plain values (string, long, double, bool, lists, maps).</param>
/// <param name="IssuerKind">The key family that verified the signature.</param>
/// <param name="ExpiresAt">The token's <c>exp</c>.</param>
public sealed record ValidatedAccessToken(
    PrincipalClaims Principal,
    string PrincipalKey,
    IReadOnlyDictionary<string, object?> Claims,
    TokenIssuerKind IssuerKind,
    DateTimeOffset ExpiresAt);
