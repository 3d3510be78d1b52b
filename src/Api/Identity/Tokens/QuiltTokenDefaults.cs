namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// The values the Quilt catalog puts into its "enhanced" tokens, and the secret development tokens are signed
/// with when no real secret is configured.
/// </summary>
public static class QuiltTokenDefaults
{
    /// <summary>The <c>iss</c> the catalog writes.</summary>
    public const string Issuer = "quilt-frontend";

    /// <summary>The <c>aud</c> the catalog writes.</summary>
    public const string Audience = "quilt-mcp-server";

    /// <summary>The <c>kid</c> of the catalog's single key when <c>MCP_ENHANCED_JWT_KID</c> is not set.</summary>
    public const string KeyId = "frontend-enhanced";

    /// <summary>
    /// Publicly known on purpose: the development server and <c>quilt-mcp token</c> agree on it without setup.
    /// Because anyone can read it here, the options validator refuses it outside Development.
    /// </summary>
    public const string DevelopmentSecret = "quilt-mcp-development-secret-not-for-production-use";
}
