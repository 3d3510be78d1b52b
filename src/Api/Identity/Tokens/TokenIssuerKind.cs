namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>Which key family verified a token.</summary>
public enum TokenIssuerKind
{
    /// <summary>The Quilt catalog, HS256 shared secret.</summary>
    Quilt,

    /// <summary>An OIDC issuer (Cognito or other), RS256/ES256 key from its JWKS.</summary>
    Oidc,
}
