using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>A public key from an issuer's JWKS, imported by <see cref="JwkImporter"/>, with the algorithm it declares.</summary>
/// <param name="Kid">The JWK's <c>kid</c>.</param>
/// <param name="DeclaredAlgorithm">The JWK's <c>alg</c>: when set, the only algorithm it may verify (RFC 7517 §4.4).</param>
/// <param name="Key">The key that verifies, built from the JWK's own parameters.</param>
internal sealed record JwksSigningKey(string Kid, string? DeclaredAlgorithm, AsymmetricSecurityKey Key);
