using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

/// <summary>Quilt-style HS256 tokens signed with the secret every test server is configured with.</summary>
public static class TestTokens
{
    /// <summary>At least 32 bytes, as production rules require.</summary>
    public const string Secret = "end-to-end-test-secret-0123456789abcdef";

    private static readonly DevelopmentTokenIssuer Issuer = new(
        Options.Create(new AuthOptions { Quilt = new QuiltTokenOptions { Secret = Secret } }),
        TimeProvider.System);

    public static string Issue(string subject, string scopes = "", string[]? buckets = null, TimeSpan? lifetime = null, string[]? roles = null) =>
        Issuer.Issue(new DevelopmentTokenRequest
        {
            Subject = subject,
            Scopes = scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Buckets = buckets ?? [],
            Roles = roles ?? [],
            Lifetime = lifetime ?? TimeSpan.FromMinutes(10),
        });

    public static Dictionary<string, string> BearerHeader(string token) => new() { ["Authorization"] = $"Bearer {token}" };
}
