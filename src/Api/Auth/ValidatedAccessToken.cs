using System.Collections.Immutable;
using QuiltMcp.Orleans.Api.Context;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Auth;

/// <summary>What a successfully validated bearer token says about its caller. Never holds the token.</summary>
/// <param name="Principal">The decoded Quilt claims (subject, scopes, buckets, permissions, roles…).</param>
/// <param name="PrincipalKey">The principal grain key, from issuer and subject (<see cref="PrincipalKeys.ForToken"/>).</param>
/// <param name="Claims">Every payload claim as plain values (string, long, double, bool, lists, maps).</param>
/// <param name="IssuerKind">The key family that verified the signature.</param>
/// <param name="ExpiresAt">The token's <c>exp</c>.</param>
public sealed record ValidatedAccessToken(
    PrincipalClaims Principal,
    string PrincipalKey,
    ImmutableDictionary<string, object?> Claims,
    TokenIssuerKind IssuerKind,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The auth scheme recorded in the runtime context for bearer JWTs.</summary>
    public const string Scheme = "jwt";

    /// <summary>Extras keys of <see cref="ToRuntimeAuthState"/>.</summary>
    public const string PrincipalIdExtra = "principal_id";
    public const string IssuerExtra = "issuer";
    public const string IssuerKindExtra = "issuer_kind";
    public const string ExpiresAtExtra = "expires_at";

    /// <summary>
    /// The runtime auth state for this request. The raw token is passed in (and kept there only for calls made on
    /// the caller's behalf) because this record deliberately never stores it.
    /// </summary>
    public RuntimeAuthState ToRuntimeAuthState(string accessToken) => new(
        Scheme,
        accessToken,
        Claims,
        ImmutableDictionary<string, string>.Empty
            .Add(PrincipalIdExtra, PrincipalKey)
            .Add(IssuerExtra, Principal.Issuer ?? "")
            .Add(IssuerKindExtra, IssuerKind == TokenIssuerKind.Quilt ? "quilt" : "oidc")
            .Add(ExpiresAtExtra, ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
}
