namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>One OIDC issuer (AWS Cognito or any provider) whose JWKS signs tokens this server accepts.</summary>
public sealed class OidcIssuerOptions
{
    /// <summary>
    /// The exact <c>iss</c> of its tokens, e.g. <c>https://cognito-idp.{region}.amazonaws.com/{userPoolId}</c>.
    /// The discovery document must name the same issuer.
    /// </summary>
    public string Issuer { get; set; } = "";

    /// <summary>The discovery document; defaults to <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>
    /// Accepted audiences: matched against <c>aud</c>, or for Cognito access tokens against <c>client_id</c>
    /// (the app client ids).
    /// </summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>
    /// Cognito only: which <c>token_use</c> kinds are accepted (<c>access</c>, <c>id</c>). Leave empty for a
    /// standard OIDC provider, whose tokens are checked by <c>aud</c> alone.
    /// </summary>
    public List<string> TokenUses { get; set; } = [];

    /// <summary>True when this issuer is treated as Cognito (token kinds configured).</summary>
    public bool IsCognito => TokenUses.Count > 0;

    /// <summary>The discovery document address actually used.</summary>
    public string EffectiveMetadataAddress => string.IsNullOrWhiteSpace(MetadataAddress)
        ? Issuer.TrimEnd('/') + "/.well-known/openid-configuration"
        : MetadataAddress;
}
