using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Bench.Micro;

/// <summary>Quilt HS256 tokens from the server's own development issuer (same header, claims and key handling).</summary>
internal static class DevelopmentTokens
{
    public static string Issue(string secret, string subject, string[] buckets)
    {
        var issuer = new DevelopmentTokenIssuer(
            Options.Create(new AuthOptions { Quilt = new QuiltTokenOptions { Secret = secret } }), TimeProvider.System);
        return issuer.Issue(new DevelopmentTokenRequest
        {
            Subject = subject,
            Scopes = ["public:read", "quilt:read"],
            Buckets = buckets,
            Lifetime = TimeSpan.FromHours(2),
        });
    }
}
