using QuiltMcp.Orleans.Testing.Tokens;

namespace QuiltMcp.Orleans.Bench.Load.Mcp;

/// <summary>
/// Quilt catalog style HS256 tokens from the test kit (built byte by byte, not by quilt-mcp's own issuer, so the
/// harness shares no code, or bugs, with the server it measures). One token per principal, issued once per run.
/// </summary>
public static class BenchTokens
{
    private static readonly string[] Buckets = ["bench-bucket-a", "bench-bucket-b"];

    /// <returns>Bearer header values ("Bearer …") for principals bench-user-000 … bench-user-(count-1).</returns>
    public static string[] ForPrincipals(int count, string secret, string scope = "public:read") =>
        Enumerable.Range(0, count)
            .Select(index => "Bearer " + TestTokens.Issue($"bench-user-{index:D3}", scope, Buckets, lifetime: TimeSpan.FromHours(2), secret: secret))
            .ToArray();
}
