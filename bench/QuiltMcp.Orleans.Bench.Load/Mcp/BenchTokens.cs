using QuiltMcp.Orleans.Testing.Tokens;

namespace QuiltMcp.Orleans.Bench.Load.Mcp;

/// <summary>
/// Quilt catalog style HS256 tokens from the test kit (built byte by byte, not by quilt-mcp's own issuer, so the
/// harness shares no code, or bugs, with the server it measures). One token per principal, issued once per run.
/// </summary>
public static class BenchTokens
{
    private static readonly string[] Buckets = ["bench-bucket-a", "bench-bucket-b"];
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <returns>Bearer header values ("Bearer …") for principals bench-user-000 … bench-user-(count-1).</returns>
    public static string[] ForPrincipals(int count, string secret, string scope = "public:read") =>
        Enumerable.Range(0, count)
            .Select(index => "Bearer " + TestTokens.Issue($"bench-user-{index:D3}", scope, Buckets, lifetime: Lifetime, secret: secret))
            .ToArray();

    /// <summary>
    /// One token per principal for the principals scenario, each with its own <c>sub</c> under <paramref name="prefix"/>
    /// (so none is one of <see cref="ForPrincipals"/>'s warm-up principals). Signed in parallel: 100,000 take about a
    /// second instead of several.
    /// </summary>
    public static string[] ForDistinctPrincipals(int count, string secret, string prefix)
    {
        var tokens = new string[count];
        Parallel.For(0, count, index =>
            tokens[index] = "Bearer " + TestTokens.Issue($"{prefix}-{index:D6}", "public:read", Buckets, lifetime: Lifetime, secret: secret));
        return tokens;
    }

    /// <summary>
    /// A token that may read <paramref name="bucket"/> through the role <paramref name="roleName"/> (resolved with the
    /// server's <c>Roles:AccountId</c>): the data-tool scenario's caller.
    /// </summary>
    public static string ForDataReader(string subject, string bucket, string roleName, string secret) =>
        "Bearer " + TestTokens.Issue(subject, "quilt:read", [bucket], lifetime: Lifetime, roles: [roleName],
            permissions: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"], secret: secret);
}
