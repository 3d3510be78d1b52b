using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Signs Quilt-style HS256 tokens with a configured key, so a developer (or a test) gets a token the server
/// accepts without a catalog. It can only use keys the server itself is configured with.
/// </summary>
public sealed class DevelopmentTokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly QuiltTokenOptions _quilt = options.Value.Quilt;

    /// <returns>The compact JWT.</returns>
    /// <exception cref="InvalidOperationException">No configured key has the requested kid.</exception>
    public string Issue(DevelopmentTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Subject);
        if (request.Lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The token lifetime must be positive.");
        }

        var key = SelectKey(request.Kid);
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = request.Subject,
            ["scope"] = string.Join(' ', request.Scopes),
            ["buckets"] = request.Buckets.ToArray(),
        };
        if (request.Permissions.Count > 0)
        {
            claims["permissions"] = request.Permissions.ToArray();
        }

        if (request.Roles.Count > 0)
        {
            claims["roles"] = request.Roles.ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = request.Issuer ?? _quilt.Issuer,
            Audience = request.Audience ?? _quilt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + request.Lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(
                key.ToSecurityKey(),
                SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private QuiltSigningKey SelectKey(string? kid)
    {
        var keys = _quilt.EffectiveKeys;
        var key = kid is null ? keys.FirstOrDefault() : keys.FirstOrDefault(candidate => candidate.Kid == kid);
        return key ?? throw new InvalidOperationException(kid is null
            ? "No Quilt signing key is configured (Auth:Quilt:Secret / MCP_ENHANCED_JWT_SECRET)."
            : $"No Quilt signing key with kid '{kid}' is configured.");
    }
}
