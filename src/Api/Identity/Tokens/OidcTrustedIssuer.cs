using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// An OIDC issuer: RS256/ES256 only (RSA keys of at least 2048 bits, EC keys on P-256), keys from its JWKS. For Cognito, the token kind (<c>token_use</c>) must be
/// one of the configured kinds, and the audience is <c>client_id</c> for access tokens, <c>aud</c> for ID tokens.
/// </summary>
internal sealed class OidcTrustedIssuer(OidcIssuerOptions options, OidcSigningKeyCache keys)
    : TrustedIssuer(options.Issuer, [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256])
{
    private readonly HashSet<string> _audiences = new(options.Audiences, StringComparer.Ordinal);

    public override TokenIssuerKind Kind => TokenIssuerKind.Oidc;

    public override async ValueTask<SigningKeyLookup> FindSigningKeysAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        var kid = token.Kid;
        if (string.IsNullOrEmpty(kid))
        {
            return SigningKeyLookup.NotFound(TokenFailureReasons.NoKid);
        }

        var found = await keys.FindAsync(kid, cancellationToken);
        if (found is null)
        {
            return SigningKeyLookup.NotFound(TokenFailureReasons.KeyNotPublished(kid));
        }

        if (found.Refusal is { } refusal)
        {
            return SigningKeyLookup.NotFound(TokenFailureReasons.KeyRefused(kid, refusal));
        }

        // A JWK that declares its algorithm may only verify that algorithm (RFC 7517 §4.4).
        var matching = found.Keys.Where(key => key.DeclaredAlgorithm is null || key.DeclaredAlgorithm == token.Alg)
            .Select(key => key.Key).ToArray<SecurityKey>();
        return matching.Length > 0
            ? SigningKeyLookup.Found(matching)
            : SigningKeyLookup.NotFound($"signing key '{SafeText.Of(kid)}' is not for algorithm '{SafeText.Of(token.Alg)}'");
    }

    public override void ConfigureAudience(TokenValidationParameters parameters)
    {
        // Cognito access tokens have no aud; their audience is checked in CheckVerifiedToken instead.
        parameters.ValidateAudience = !options.IsCognito;
        parameters.ValidAudiences = options.Audiences;
    }

    public override string? CheckVerifiedToken(JsonWebToken token)
    {
        if (!options.IsCognito)
        {
            return null;
        }

        if (!token.TryGetPayloadValue<string>("token_use", out var use) || string.IsNullOrEmpty(use))
        {
            return "token has no token_use claim";
        }

        if (!options.TokenUses.Contains(use, StringComparer.Ordinal))
        {
            return $"token_use '{SafeText.Of(use)}' is not accepted for this issuer";
        }

        return use switch
        {
            CognitoTokenUses.Access => token.TryGetPayloadValue<string>("client_id", out var clientId) && _audiences.Contains(clientId)
                ? null
                : "client_id is not an accepted audience",
            _ => token.Audiences.Any(_audiences.Contains) ? null : "audience is not accepted",
        };
    }
}
