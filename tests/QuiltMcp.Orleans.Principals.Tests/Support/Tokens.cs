using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>Quilt-style HS256 tokens with any claims (role ARNs, roles, email), signed with the test servers' key.</summary>
public static class Tokens
{
    /// <summary>At least 32 bytes, as production rules require.</summary>
    public const string Secret = "principal-tests-secret-0123456789abcdef";

    public static string Issue(string subject, string scopes = "", string[]? roles = null, IDictionary<string, object>? extra = null)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = subject,
            ["scope"] = scopes,
            ["buckets"] = Array.Empty<string>(),
        };
        if (roles is { Length: > 0 })
        {
            claims["roles"] = roles;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "quilt-frontend",
            Audience = "quilt-mcp-server",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            Claims = claims,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)) { KeyId = "frontend-enhanced" },
                SecurityAlgorithms.HmacSha256),
        });
    }

    public static string WithRoleArn(string subject, string roleArn) =>
        Issue(subject, extra: new Dictionary<string, object> { ["aws_role_arn"] = roleArn });
}
