using System.Net;
using System.Text;
using System.Text.Json;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Auth;

/// <summary>Servers started with non-default settings: public URL, catalog origin, limits, the anonymous switch.</summary>
public sealed class ConfiguredAuthenticationTests
{
    [Fact]
    public async Task A_configured_public_url_is_what_clients_are_told()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Auth:ProtectedResource:Resource"] = "https://mcp.example.com/mcp",
            ["Server:CatalogUrl"] = "https://catalog.example.com",
        });
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using var unauthorized = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1));
        var document = JsonDocument.Parse(await http.GetStringAsync("/.well-known/oauth-protected-resource/mcp")).RootElement;

        Assert.Contains("resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\"",
            Assert.Single(unauthorized.Headers.WwwAuthenticate).Parameter);
        Assert.Equal("https://mcp.example.com/mcp", document.GetProperty("resource").GetString());
        Assert.Equal(["https://catalog.example.com"], document.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Origins_outside_the_allow_list_are_refused_and_the_catalog_gets_cors()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Http:AllowedOrigins:0"] = "https://catalog.example.com",
        });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var token = TestTokens.Issue("origin-user");

        using var evil = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1), request =>
        {
            request.Headers.Add("Origin", "http://attacker.example");
            request.Headers.Authorization = new("Bearer", token);
        });
        using var catalog = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(2), request =>
        {
            request.Headers.Add("Origin", "https://catalog.example.com");
            request.Headers.Authorization = new("Bearer", token);
        });
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/mcp");
        preflight.Headers.Add("Origin", "https://catalog.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,mcp-session-id");
        using var preflightResponse = await http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        Assert.Equal("https://catalog.example.com", Assert.Single(catalog.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(",", catalog.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("WWW-Authenticate", exposed);
        Assert.Contains("Mcp-Session-Id", exposed);
        Assert.True(preflightResponse.IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_principal_over_its_rate_gets_429_with_retry_after()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Http:PermitsPerMinute"] = "6" });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var token = TestTokens.Issue("busy-user");
        var other = TestTokens.Issue("calm-user");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(i), request => request.Headers.Authorization = new("Bearer", token));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(Assert.Single(response.Headers.GetValues("Retry-After"))) >= 1);
            }
        }

        using var otherUser = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(9), request => request.Headers.Authorization = new("Bearer", other));

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_with_413()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = "4096" });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var body = McpHttpTests.StatelessCall(1).Replace("\"arguments\":{}", $"\"arguments\":{{\"pad\":\"{new string('x', 8000)}\"}}", StringComparison.Ordinal);

        using var response = await McpHttpTests.PostAsync(http, null, body, request => request.Headers.Authorization = new("Bearer", TestTokens.Issue("big")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("""{"error":"request_too_large","error_description":"The request body is larger than this server accepts (4096 bytes, Http:MaxRequestBodyBytes)."}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_oversize_chunked_body_is_refused_with_413_and_a_json_reason()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = "4096" });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var body = McpHttpTests.StatelessCall(1).Replace("\"arguments\":{}", $"\"arguments\":{{\"pad\":\"{new string('x', 8000)}\"}}", StringComparison.Ordinal);

        using var response = await McpHttpTests.PostAsync(http, null, body, request =>
        {
            request.Headers.Authorization = new("Bearer", TestTokens.Issue("big-chunked"));
            request.Headers.TransferEncodingChunked = true;
            request.Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"error\":\"request_too_large\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_development_switch_lets_anonymous_callers_in_as_web_unauthenticated()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Auth:AllowAnonymous"] = "true",
            ["Auth:Quilt:Secret"] = null,
        }, args: ["--environment=Development"]);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using var response = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await McpHttpTests.ReadJsonRpcAsync(response)).GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
        var status = JsonDocument.Parse(text).RootElement;
        Assert.Equal("web-unauthenticated", status.GetProperty("environment").GetString());
        Assert.Equal("anonymous", status.GetProperty("principal_id").GetString());
    }

    [Fact]
    public async Task With_the_anonymous_switch_a_bad_token_is_still_refused_not_served_as_anonymous()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Auth:AllowAnonymous"] = "true",
        }, args: ["--environment=Development"]);
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var expired = TestTokens.Issue("expired-user", lifetime: TimeSpan.FromMinutes(-10));

        using var tampered = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1), request =>
            request.Headers.Authorization = new("Bearer", "not.a.token"));
        using var stale = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(2), request =>
            request.Headers.Authorization = new("Bearer", expired));
        using var valid = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(3), request =>
            request.Headers.Authorization = new("Bearer", TestTokens.Issue("known-user")));

        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Contains("\"error\":\"invalid_token\"", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Contains("error=\"invalid_token\"", Assert.Single(stale.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        var text = (await McpHttpTests.ReadJsonRpcAsync(valid)).GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Equal("web-jwt", JsonDocument.Parse(text).RootElement.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task The_anonymous_switch_is_refused_in_production()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Auth:AllowAnonymous"] = "true" });
        });

        Assert.Contains("AllowAnonymous", error.Message);
    }
}
