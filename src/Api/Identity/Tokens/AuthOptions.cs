namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>The <c>Auth</c> configuration section: which bearer tokens the MCP endpoint trusts.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Quilt catalog HS256 tokens.</summary>
    public QuiltTokenOptions Quilt { get; set; } = new();

    /// <summary>OIDC issuers (Cognito user pools or other providers) verified through their JWKS.</summary>
    public List<OidcIssuerOptions> OidcIssuers { get; set; } = [];

    /// <summary>Tolerance for clocks that disagree, applied to <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longer tokens are refused before any parsing, so a huge header cannot cost parse time.</summary>
    public int MaxTokenBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Development only: lets HTTP callers without a token in as <c>web-unauthenticated</c> (no scopes, so only the
    /// tools that need none). A request that sends a token must still present a valid one.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Discovery and JWKS only over https. Turn off only for local test issuers.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long fetched signing keys are used before they are fetched again.</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The shortest time between two fetches of one issuer's keys. A token with an unknown kid triggers a fetch
    /// (that is how a rotated key is picked up); this bound stops junk kids from hammering the issuer.
    /// </summary>
    public TimeSpan JwksMinimumRefetchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one discovery or JWKS request may take.</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
