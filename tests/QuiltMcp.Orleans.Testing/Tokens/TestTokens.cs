namespace QuiltMcp.Orleans.Testing.Tokens;

/// <summary>
/// Quilt catalog style HS256 tokens (the catalog's issuer, audience and kid) signed with <see cref="Secret"/>, the key
/// every test server is configured with. They are built by <see cref="TestJwt"/>, not by the server's own issuer, so
/// tests share no token code with what they test. Hostile forms are built with <see cref="TestJwt"/> directly;
/// tokens signed outside .NET come from <see cref="JoseSigner"/>.
/// </summary>
public static class TestTokens
{
    /// <summary>At least 32 bytes, as production rules require.</summary>
    public const string Secret = "quilt-mcp-test-secret-0123456789abcdef";

    /// <summary>The <c>iss</c> the Quilt catalog writes.</summary>
    public const string Issuer = "quilt-frontend";

    /// <summary>The <c>aud</c> the Quilt catalog writes.</summary>
    public const string Audience = "quilt-mcp-server";

    /// <summary>The <c>kid</c> of the catalog's key when none is configured.</summary>
    public const string KeyId = "frontend-enhanced";

    /// <summary>A token for <paramref name="subject"/>, valid from now for <paramref name="lifetime"/> (default 30 minutes).</summary>
    /// <param name="scopes">Space-separated, written as one <c>scope</c> string as OAuth servers do.</param>
    /// <param name="buckets">The <c>buckets</c> claim (always written, empty when null).</param>
    /// <param name="roles">The <c>roles</c> claim: role names or ARNs the caller may assume (omitted when empty).</param>
    /// <param name="permissions">The <c>permissions</c> claim: S3 actions (omitted when null).</param>
    /// <param name="roleArn">The <c>aws_role_arn</c> claim: the one role this token selects (omitted when null).</param>
    /// <param name="claims">More claims, written last (they replace any of the above).</param>
    /// <param name="secret">Another HS256 key, e.g. a server's own.</param>
    public static string Issue(
        string subject,
        string scopes = "",
        string[]? buckets = null,
        TimeSpan? lifetime = null,
        string[]? roles = null,
        string[]? permissions = null,
        string? roleArn = null,
        IReadOnlyDictionary<string, object>? claims = null,
        string secret = Secret)
    {
        var payload = TestJwt.Payload(Issuer, Audience, subject, DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromMinutes(30));
        payload["scope"] = scopes;
        payload["buckets"] = buckets ?? [];
        if (roles is { Length: > 0 })
        {
            payload["roles"] = roles;
        }

        if (permissions is not null)
        {
            payload["permissions"] = permissions;
        }

        if (roleArn is not null)
        {
            payload["aws_role_arn"] = roleArn;
        }

        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            payload[name] = value;
        }

        return TestJwt.Encode(TestJwt.Header("HS256", KeyId), payload, TestJwt.Hs256(secret));
    }

    public static Dictionary<string, string> BearerHeader(string token) => new() { ["Authorization"] = $"Bearer {token}" };
}
