using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Edge;

/// <summary>
/// DNS rebinding over real HTTP: a page on the attacker's domain reaches the server with the attacker's Host (and a
/// matching Origin). Everything but the health endpoints refuses a Host outside the allow-list, before the token.
/// </summary>
public sealed class HostValidationTests
{
    private const int HostRefusedEvent = 2011;

    [Fact]
    public async Task A_rebinding_request_is_refused_with_421_naming_the_host_and_the_setting()
    {
        var logs = new FakeLogCollector();
        await using var server = await InProcessServer.CreateAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:QuiltMcp"] = "Information" },
            builder => builder.Logging.AddProvider(new FakeLoggerProvider(logs)));
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using var response = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1), request =>
        {
            request.Headers.Host = "evil.example.com";
            request.Headers.Add("Origin", "http://evil.example.com");
            request.Headers.Authorization = new("Bearer", TestTokens.Issue("victim"));
        });

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("host_not_allowed", body.GetProperty("error").GetString());
        var description = body.GetProperty("error_description").GetString()!;
        Assert.Contains("Host evil.example.com is not served here", description);
        Assert.Contains("Http:AllowedHosts", description);
        Assert.Contains(logs.GetSnapshot(), e => e.Id.Id == HostRefusedEvent && e.Message.Contains("evil.example.com", StringComparison.Ordinal));

        // Nothing behind the Host check ran: no challenge, no session, no tool.
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.DoesNotContain(logs.GetSnapshot(), e => e.Id.Id is 2000 or 2001);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task The_loopback_names_with_any_port_reach_the_endpoint(string name)
    {
        await using var server = await InProcessServer.CreateAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        foreach (var host in new[] { name, $"{name}:{server.BaseUri.Port}", $"{name}:1" })
        {
            using var response = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1), request =>
            {
                request.Headers.Host = host;
                request.Headers.Add("Origin", "http://" + host);
            });

            // 401: past the Host and Origin checks, stopped only by the missing token.
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{host}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Configured_hosts_and_the_resource_host_are_served_and_others_are_not()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Http:AllowedHosts:0"] = "*.tenant.example.com",
            ["Auth:ProtectedResource:Resource"] = "https://mcp.example.com/mcp",
        });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var token = TestTokens.Issue("host-user");

        async Task<HttpStatusCode> CallAsync(string host)
        {
            using var response = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1), request =>
            {
                request.Headers.Host = host;
                request.Headers.Authorization = new("Bearer", token);
            });
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await CallAsync("mcp.example.com"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync("MCP.Example.COM:443"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync("a.tenant.example.com"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync("b.a.tenant.example.com"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync("localhost"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await CallAsync("tenant.example.com"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await CallAsync("example.com"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await CallAsync("mcp.example.com.evil.example"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await CallAsync("eviltenant.example.com"));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/health")]
    [InlineData("/ready")]
    public async Task Health_endpoints_answer_a_probe_that_names_the_task_address(string path)
    {
        await using var server = await InProcessServer.CreateAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        await Eventually.TrueAsync(
            async () =>
            {
                using var ready = await http.GetAsync("/ready");
                return ready.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(60),
            "/ready answering 200");

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "10.0.3.7:8000";
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource")]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    [InlineData("/no-such-path")]
    public async Task Everything_else_refuses_a_foreign_host(string path)
    {
        await using var server = await InProcessServer.CreateAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example.com";
        using var response = await http.SendAsync(request);
        using var own = await http.GetAsync(path);

        // The metadata would otherwise name the attacker's host as this resource (it is derived from Host when
        // Auth:ProtectedResource:Resource is unset).
        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example.com/", await response.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.MisdirectedRequest, own.StatusCode);
    }

    [Fact]
    public async Task A_production_server_listening_beyond_loopback_without_a_public_host_does_not_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Server:Address"] = "0.0.0.0" });
        });

        Assert.Contains("Http:AllowedHosts is empty while Server:Address (FASTMCP_ADDR) 0.0.0.0 is not a loopback address", error.Message);
    }

    [Fact]
    public async Task A_malformed_allowed_host_stops_the_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Http:AllowedHosts:0"] = "https://mcp.example.com" });
        });

        Assert.Contains("Http:AllowedHosts 'https://mcp.example.com' is not a host name", error.Message);
    }
}
