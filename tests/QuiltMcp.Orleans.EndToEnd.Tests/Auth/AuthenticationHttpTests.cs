using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Auth;

/// <summary>What a client sees at the HTTP boundary: 401 challenges, the RFC 9728 document, and no tool run.</summary>
public sealed class AuthenticationHttpTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private InProcessServer Server => fixture.Server;

    [Fact]
    public async Task No_token_gets_401_with_an_absolute_resource_metadata_url_and_scopes()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var response = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains($"resource_metadata=\"{Server.BaseUri}.well-known/oauth-protected-resource/mcp\"", challenge.Parameter);
        Assert.Contains("scope=\"confidential:read public:read quilt:admin quilt:read quilt:write\"", challenge.Parameter);
        Assert.DoesNotContain("error=", challenge.Parameter);

        // The reason in a JSON body too, which client libraries show.
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unauthorized", body.RootElement.GetProperty("error").GetString());
        Assert.StartsWith("This endpoint needs a bearer token", body.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadTokens()
    {
        var now = DateTimeOffset.UtcNow;
        string Quilt(Dictionary<string, object?> payload, string secret = TestTokens.Secret, string kid = "frontend-enhanced", string alg = "HS256") =>
            TestJwt.Encode(TestJwt.Header(alg, kid), payload, alg == "none" ? null : TestJwt.Hs256(secret));
        Dictionary<string, object?> Payload(string issuer = "quilt-frontend", string audience = "quilt-mcp-server", TimeSpan? lifetime = null, DateTimeOffset? at = null) =>
            TestJwt.Payload(issuer, audience, "mallory", at ?? now, lifetime);

        return new TheoryData<string, string>
        {
            { "expired", Quilt(Payload(at: now.AddHours(-3), lifetime: TimeSpan.FromHours(1))) },
            { "not yet valid", Quilt(Payload(at: now.AddHours(2))) },
            { "malformed", "not.a.jwt" },
            { "wrong key", Quilt(Payload(), secret: "another-secret-that-is-long-enough-000000") },
            { "unknown kid", Quilt(Payload(), kid: "someone-elses-key") },
            { "alg none", Quilt(Payload(), alg: "none") },
            { "wrong issuer", Quilt(Payload(issuer: "evil-frontend")) },
            { "wrong audience", Quilt(Payload(audience: "some-other-api")) },
            { "oversize", Quilt(new Dictionary<string, object?>(Payload()) { ["padding"] = new string('x', 20_000) }) },
            { "scope of the wrong type", Quilt(new Dictionary<string, object?>(Payload()) { ["scope"] = 42 }) },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_invalid_token_and_no_tool_runs(string @case, string token)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var response = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(2), request =>
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{@case}: {response.StatusCode}");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).Parameter!;
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.Contains("error_description=\"", challenge);
        Assert.Contains("resource_metadata=\"http://", challenge);
        Assert.DoesNotContain(token, challenge);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("principal_id", text);
        Assert.DoesNotContain(token, text);
        using var body = JsonDocument.Parse(text);
        Assert.Equal("invalid_token", body.RootElement.GetProperty("error").GetString());
        Assert.StartsWith("The bearer token was refused: ", body.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_bearer_authorization_header_is_refused()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var response = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(3), request =>
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "YWxpY2U6c2VjcmV0"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not a Bearer token", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource")]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    public async Task Protected_resource_metadata_describes_the_mcp_endpoint(string path)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var document = JsonDocument.Parse(await http.GetStringAsync(path)).RootElement;

        Assert.Equal(new Uri(Server.BaseUri, "/mcp").ToString(), document.GetProperty("resource").GetString());
        Assert.Equal(["header"], document.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["confidential:read", "public:read", "quilt:admin", "quilt:read", "quilt:write"], document.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(document.TryGetProperty("authorization_servers", out _));
    }

    [Fact]
    public async Task Health_endpoints_stay_public()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }
}
