using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Bench.Load.Mcp;

/// <summary>
/// Quilt catalog style HS256 tokens, signed here rather than by quilt-mcp's own issuer so that the harness does
/// not share code (or bugs) with the server it measures. One token per principal, issued once per run.
/// </summary>
public static class BenchTokens
{
    public const string KeyId = "frontend-enhanced";
    public const string Issuer = "quilt-frontend";
    public const string Audience = "quilt-mcp-server";

    /// <returns>Bearer header values ("Bearer …") for principals bench-user-000 … bench-user-(count-1).</returns>
    public static string[] ForPrincipals(int count, string secret, string scope = "public:read")
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = KeyId };
        var credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        var handler = new JsonWebTokenHandler();
        var now = DateTime.UtcNow;
        return Enumerable.Range(0, count).Select(index => "Bearer " + handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(2),
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = $"bench-user-{index:D3}",
                ["scope"] = scope,
                ["buckets"] = new[] { "bench-bucket-a", "bench-bucket-b" },
            },
        })).ToArray();
    }
}
