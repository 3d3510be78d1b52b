namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>The <c>Auth:Quilt</c> section: how the Quilt catalog's HS256 "enhanced" tokens are trusted.</summary>
public sealed class QuiltTokenOptions
{
    /// <summary>Accept Quilt catalog tokens at all. Turn off for a deployment that trusts only OIDC issuers.</summary>
    public bool Enabled { get; set; } = true;

    public string Issuer { get; set; } = QuiltTokenDefaults.Issuer;

    public string Audience { get; set; } = QuiltTokenDefaults.Audience;

    /// <summary>The single-key form. Env: <c>MCP_ENHANCED_JWT_SECRET</c>.</summary>
    public string? Secret { get; set; }

    /// <summary>The kid of <see cref="Secret"/>. Env: <c>MCP_ENHANCED_JWT_KID</c>.</summary>
    public string? Kid { get; set; }

    /// <summary>Several keys, for rotation: old and new are both accepted while the catalog switches over.</summary>
    public List<QuiltSigningKey> Keys { get; set; } = [];

    /// <summary><see cref="Keys"/> plus the single-key form, which is how most deployments configure one key.</summary>
    public IReadOnlyList<QuiltSigningKey> EffectiveKeys
    {
        get
        {
            var keys = new List<QuiltSigningKey>(Keys);
            if (!string.IsNullOrEmpty(Secret))
            {
                keys.Add(new QuiltSigningKey
                {
                    Kid = string.IsNullOrWhiteSpace(Kid) ? QuiltTokenDefaults.KeyId : Kid,
                    Secret = Secret,
                });
            }

            return keys;
        }
    }

    public override string ToString() =>
        $"QuiltTokenOptions {{ Enabled = {Enabled}, Issuer = {Issuer}, Audience = {Audience}, Keys = {EffectiveKeys.Count} (secrets redacted) }}";
}
