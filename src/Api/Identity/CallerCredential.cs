using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>How a caller authenticated: the scheme and, for a bearer token, what the token said.</summary>
/// <param name="Scheme"><c>jwt</c> for a bearer token, <c>local</c> for the desktop user.</param>
/// <param name="AccessToken">
/// The raw bearer token of this request, kept only for calls made on the caller's behalf (the catalog). Never log it.
/// </param>
/// <param name="IssuerKind">The key family that verified the token; null for the desktop user.</param>
/// <param name="ExpiresAt">The token's <c>exp</c>; null for the desktop user.</param>
/// <param name="TokenClaims">
/// The token's payload as issued (claim name to plain value), for the few consumers configured by claim name
/// (STS session tags, role ARN claims).
/// </param>
public sealed record CallerCredential(
    string Scheme,
    string? AccessToken,
    TokenIssuerKind? IssuerKind,
    DateTimeOffset? ExpiresAt,
    IReadOnlyDictionary<string, object?> TokenClaims)
{
    /// <summary>The scheme of a validated bearer JWT.</summary>
    public const string JwtScheme = "jwt";

    /// <summary>The scheme of the desktop user: the local operating-system user, no token.</summary>
    public const string LocalScheme = "local";

    /// <summary>The token never appears in diagnostics output.</summary>
    public override string ToString() =>
        $"CallerCredential {{ Scheme = {Scheme}, AccessToken = {(AccessToken is null ? "<none>" : "<redacted>")}, Claims = {TokenClaims.Count} }}";
}
