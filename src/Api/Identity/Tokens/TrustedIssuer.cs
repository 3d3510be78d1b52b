using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// One issuer this server trusts, with its own key family and algorithm allow-list. The issuer is chosen by the
/// token's <c>iss</c> before anything else, so a header can never steer verification to another key family.
/// </summary>
internal abstract class TrustedIssuer(string issuer, IReadOnlyCollection<string> algorithms)
{
    public string Issuer { get; } = issuer;

    public abstract TokenIssuerKind Kind { get; }

    /// <summary>The only <c>alg</c> values accepted for this issuer's key type.</summary>
    public IReadOnlyCollection<string> Algorithms { get; } = algorithms;

    /// <summary>The configured keys that match the token's <c>kid</c> (never keys named by the token itself).</summary>
    public abstract ValueTask<SigningKeyLookup> FindSigningKeysAsync(JsonWebToken token, CancellationToken cancellationToken);

    /// <summary>Sets how the library checks the audience for this issuer.</summary>
    public abstract void ConfigureAudience(TokenValidationParameters parameters);

    /// <summary>Checks that need the verified payload (Cognito's token kinds); null when the token passes.</summary>
    public virtual string? CheckVerifiedToken(JsonWebToken token) => null;
}
