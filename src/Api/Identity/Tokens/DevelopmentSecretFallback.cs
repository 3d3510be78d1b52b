namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// In Development only, when Quilt tokens are enabled but no secret is configured, uses the well-known
/// development secret so the server and <c>quilt-mcp token</c> work together without setup. Everywhere else a
/// missing secret stays missing and the validator stops the start.
/// </summary>
internal sealed class DevelopmentSecretFallback(bool isDevelopment) : IPostConfigureOptions<AuthOptions>
{
    public void PostConfigure(string? name, AuthOptions options)
    {
        if (isDevelopment && options.Quilt.Enabled && options.Quilt.EffectiveKeys.Count == 0)
        {
            options.Quilt.Secret = QuiltTokenDefaults.DevelopmentSecret;
        }
    }
}
