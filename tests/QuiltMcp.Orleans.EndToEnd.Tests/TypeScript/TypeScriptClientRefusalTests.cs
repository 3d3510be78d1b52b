using System.Text.Json;

namespace QuiltMcp.Orleans.EndToEnd.Tests.TypeScript;

/// <summary>
/// What the official MCP TypeScript SDK client (npm @modelcontextprotocol/sdk) shows its user when the HTTP endpoint
/// refuses a request: the SDK puts the response body into its error message, so every refusal must carry its reason
/// in the body. Each test asserts the exact status the SDK reports and the reason text it shows.
/// </summary>
public sealed class TypeScriptClientRefusalTests(TypeScriptClientRefusalTests.RefusingServer fixture)
    : IClassFixture<TypeScriptClientRefusalTests.RefusingServer>
{
    private const string Script = "mcp-http-error-check.mjs";
    private const string SdkPrefix = "Streamable HTTP error: Error POSTing to endpoint: ";

    [Fact]
    public async Task Without_a_token_the_client_shows_401_and_where_to_get_one()
    {
        var refusal = await RunAsync(new Dictionary<string, string>(), "connect");

        AssertRefused(refusal, 401, """{"error":"unauthorized","error_description":"This endpoint needs a bearer token; the WWW-Authenticate header names the protected resource metadata, which says where to get one."}""");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_shows_401_and_why_it_was_refused()
    {
        var forged = TestTokens.Issue("mallory", secret: "a-key-this-server-does-not-trust-0123456789");

        var refusal = await RunAsync(new Dictionary<string, string> { ["MCP_TOKEN"] = forged }, "connect");

        AssertRefused(refusal, 401, """{"error":"invalid_token","error_description":"The bearer token was refused: signature is invalid."}""");
    }

    [Fact]
    public async Task A_role_the_token_does_not_grant_shows_403_naming_the_role()
    {
        var refusal = await RunAsync(new Dictionary<string, string>
        {
            ["MCP_TOKEN"] = TestTokens.Issue("role-seeker"),
            ["MCP_HEADERS"] = """{"X-Quilt-User-Role":"arn:aws:iam::123456789012:role/NotGranted"}""",
        }, "connect");

        AssertRefused(refusal, 403, """{"error":"role_refused","error_description":"role 'arn:aws:iam::123456789012:role/NotGranted' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)"}""");
    }

    [Fact]
    public async Task A_role_header_that_is_no_role_shows_400_saying_what_it_must_be()
    {
        var refusal = await RunAsync(new Dictionary<string, string>
        {
            ["MCP_TOKEN"] = TestTokens.Issue("role-seeker"),
            ["MCP_HEADERS"] = """{"X-Quilt-User-Role":"not a role"}""",
        }, "connect");

        AssertRefused(refusal, 400, """{"error":"role_refused","error_description":"the X-Quilt-User-Role header is neither an IAM role ARN nor a role name"}""");
    }

    [Fact]
    public async Task A_foreign_origin_shows_403_naming_the_origin_and_the_setting()
    {
        var refusal = await RunAsync(new Dictionary<string, string>
        {
            ["MCP_TOKEN"] = TestTokens.Issue("browser-user"),
            ["MCP_HEADERS"] = """{"Origin":"https://evil.example"}""",
        }, "connect");

        AssertRefused(refusal, 403, """{"error":"origin_not_allowed","error_description":"Origin https://evil.example may not call this MCP endpoint. If a web app of yours is served from it, add it to Http:AllowedOrigins (environment variable Http__AllowedOrigins__0)."}""");
    }

    [Fact]
    public async Task Another_users_session_shows_403_saying_whose_it_is()
    {
        await using var alice = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(TestTokens.Issue("alice")));
        Assert.False(string.IsNullOrEmpty(alice.SessionId));

        var refusal = await RunAsync(new Dictionary<string, string>
        {
            ["MCP_TOKEN"] = TestTokens.Issue("bob"),
            ["MCP_SESSION_ID"] = alice.SessionId!,
        }, "connect");

        // The SDK's own refusal, a JSON-RPC error as for every session error.
        AssertRefused(refusal, 403, """{"error":{"code":-32000,"message":"Forbidden: The currently authenticated user does not match the user who initiated the session."},"id":0,"jsonrpc":"2.0"}""");
    }

    [Fact]
    public async Task An_unknown_session_shows_404_session_not_found()
    {
        var refusal = await RunAsync(new Dictionary<string, string>
        {
            ["MCP_TOKEN"] = TestTokens.Issue("session-guesser"),
            ["MCP_SESSION_ID"] = "not-a-session-of-this-server",
        }, "connect");

        AssertRefused(refusal, 404, """{"error":{"code":-32001,"message":"Session not found"},"id":0,"jsonrpc":"2.0"}""");
    }

    [Fact]
    public async Task An_oversize_call_shows_413_naming_the_limit_and_the_setting()
    {
        var refusal = await RunAsync(new Dictionary<string, string> { ["MCP_TOKEN"] = TestTokens.Issue("big-sender") }, "oversize:10000");

        AssertRefused(refusal, 413, """{"error":"request_too_large","error_description":"The request body is larger than this server accepts (4096 bytes, Http:MaxRequestBodyBytes)."}""");
    }

    [Fact]
    public async Task A_user_over_the_rate_limit_shows_429_naming_whose_allowance_and_when_to_retry()
    {
        // A bucket of 10 refilled by one a second: a client that keeps calling is refused within its first dozen calls.
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Http:PermitsPerMinute"] = "60" });

        var refusal = await NodeScript.LastJsonLineAsync(Script, new Dictionary<string, string> { ["MCP_TOKEN"] = TestTokens.Issue("flooder") }, server.McpUri.ToString(), "flood");

        Assert.True(refusal.GetProperty("refused").GetBoolean(), refusal.GetRawText());
        Assert.Equal(429, refusal.GetProperty("code").GetInt32());
        var body = JsonDocument.Parse(Shown(refusal)).RootElement;
        Assert.Equal("rate_limited", body.GetProperty("error").GetString());
        Assert.Matches(@"^Too many requests for this user \(Http:PermitsPerMinute\); retry after [1-9][0-9]* s\.$", body.GetProperty("error_description").GetString());
    }

    private Task<JsonElement> RunAsync(Dictionary<string, string> environment, string action) =>
        NodeScript.LastJsonLineAsync(Script, environment, fixture.Server.McpUri.ToString(), action);

    private static void AssertRefused(JsonElement refusal, int status, string body)
    {
        Assert.True(refusal.GetProperty("refused").GetBoolean(), refusal.GetRawText());
        Assert.Equal(status, refusal.GetProperty("code").GetInt32());
        Assert.Equal(body, Shown(refusal));
    }

    /// <summary>The body as the SDK shows it, after its fixed prefix.</summary>
    private static string Shown(JsonElement refusal)
    {
        var message = refusal.GetProperty("message").GetString()!;
        Assert.StartsWith(SdkPrefix, message, StringComparison.Ordinal);
        return message[SdkPrefix.Length..];
    }

    /// <summary>One server for the refusals: a small body limit, and no per-address limit in the way of the other tests.</summary>
    public sealed class RefusingServer : IAsyncLifetime
    {
        public InProcessServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Http:MaxRequestBodyBytes"] = "4096",
            ["Http:AnonymousPermitsPerMinute"] = "1000000",
        });

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
