using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Edge;

/// <summary>
/// Failures a client causes are expected: each is logged once, at Information or Warning, by the part that refused
/// it, and without a stack trace, in any category (ASP.NET Core's and the MCP SDK's included, at Information here);
/// Error is for our bugs. The server runs in Development, where ASP.NET Core would show an unhandled exception's stack
/// to the client.
/// </summary>
public sealed class ExpectedFailureLogTests : IAsyncLifetime
{
    private readonly FakeLogCollector _logs = new();
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.CreateAsync(
        new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["Logging:LogLevel:ModelContextProtocol"] = "Information",
            ["Http:MaxRequestBodyBytes"] = "4096",
            ["Http:PermitsPerMinute"] = "6",
            ["Http:AnonymousPermitsPerMinute"] = "1000000",
        },
        builder => builder.Logging.AddProvider(new FakeLoggerProvider(_logs)),
        args: ["--environment=Development"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_oversize_body_with_its_length_declared_is_logged_once_at_information()
    {
        var (response, logged) = await SendAsync(Oversize(chunked: false), TestTokens.Issue("big-declared"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        AssertLoggedOnce(logged, "QuiltMcp.Orleans.Api.Http.RequestBodyLimitMiddleware", 2012, LogLevel.Information,
            "Refused a request body to /mcp over the 4096-byte limit (Http:MaxRequestBodyBytes); declared length: ");
    }

    [Fact]
    public async Task An_oversize_chunked_body_gets_the_json_reason_without_a_stack_and_is_logged_once()
    {
        var (response, logged) = await SendAsync(Oversize(chunked: true), TestTokens.Issue("big-chunked"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("""{"error":"request_too_large","error_description":"The request body is larger than this server accepts (4096 bytes, Http:MaxRequestBodyBytes)."}""", response.Body);
        AssertLoggedOnce(logged, "QuiltMcp.Orleans.Api.Http.RequestBodyLimitMiddleware", 2012, LogLevel.Information,
            "Refused a request body to /mcp over the 4096-byte limit (Http:MaxRequestBodyBytes); declared length: none (chunked)");
    }

    [Fact]
    public async Task A_session_id_this_server_never_issues_is_logged_once_at_information()
    {
        var (response, logged) = await SendAsync(
            Session("not a session id!", """{"jsonrpc":"2.0","id":3,"method":"tools/list"}"""), TestTokens.Issue("session-guesser"));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        AssertLoggedOnce(logged, "QuiltMcp.Orleans.Api.Sessions.SessionTerminationMiddleware", 1415, LogLevel.Information,
            "Refused MCP session id not a session id!: not an id this server issues");
    }

    [Fact]
    public async Task An_unknown_session_is_logged_once_at_information()
    {
        var (response, logged) = await SendAsync(
            Session("AAAAAAAAAAAAAAAAAAAAAA", """{"jsonrpc":"2.0","id":3,"method":"tools/list"}"""), TestTokens.Issue("session-guesser"));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        AssertLoggedOnce(logged, "QuiltMcp.Orleans.Api.Sessions.GrainSessionMigrationHandler", 1412, LogLevel.Information,
            "MCP session AAAAAAAAAAAAAAAAAAAAAA is unknown to the cluster");
    }

    [Fact]
    public async Task A_bad_token_is_logged_once_as_an_auth_decision()
    {
        var forged = TestTokens.Issue("mallory", secret: "a-key-this-server-does-not-trust-0123456789");

        var (response, logged) = await SendAsync(Stateless(), forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        AssertLoggedOnce(logged, "QuiltMcp.AuthDecision", 2001, LogLevel.Information,
            "Auth decision: denied bearer token on /mcp: signature is invalid");
    }

    [Fact]
    public async Task A_refused_host_is_logged_once_as_a_warning()
    {
        var request = Stateless();
        request.Headers.Host = "rebound.example";

        var (response, logged) = await SendAsync(request, TestTokens.Issue("rebound"));

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.Status);
        AssertLoggedOnce(logged, "QuiltMcp.Orleans.Api.Http.HostValidationMiddleware", 2011, LogLevel.Warning,
            "Refused a request for host rebound.example to /mcp: not in Http:AllowedHosts");
    }

    [Fact]
    public async Task Each_rate_limited_request_is_logged_once_at_information_naming_the_allowance()
    {
        // Six a minute: a bucket of one, refilled once a second. The first request validates the token (on the address's
        // allowance), the next spends the user's only permit, and the ones right after it are refused.
        var token = TestTokens.Issue("hasty");
        var statuses = new List<HttpStatusCode>();
        var logged = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (response, lines) = await SendAsync(Stateless(), token);
            statuses.Add(response.Status);
            logged.AddRange(lines);
        }

        var limited = statuses.Count(status => status == HttpStatusCode.TooManyRequests);
        Assert.True(limited > 0, string.Join(", ", statuses));
        var refusals = logged.Where(line => line.Contains("QuiltMcp.RateLimits[2013]", StringComparison.Ordinal)).ToList();
        Assert.Equal(limited, refusals.Count);
        Assert.All(refusals, line => Assert.StartsWith(
            "Information QuiltMcp.RateLimits[2013] Rate limited a request to /mcp: the allowance of principal:jwt|quilt-frontend|hasty is spent; retry after ",
            line, StringComparison.Ordinal));
        AssertNothingLoud(logged);
    }

    private static void AssertLoggedOnce(IReadOnlyList<string> logged, string category, int eventId, LogLevel level, string message)
    {
        var line = Assert.Single(logged, line => line.Contains($" {category}[{eventId}] ", StringComparison.Ordinal));
        Assert.StartsWith($"{level} {category}[{eventId}] {message}", line, StringComparison.Ordinal);
        AssertNothingLoud(logged);
    }

    /// <summary>Nothing at Error or above, and no record that carries an exception (its stack), in any category.</summary>
    private static void AssertNothingLoud(IReadOnlyList<string> logged)
    {
        Assert.DoesNotContain(logged, line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, line => !line.EndsWith("| ", StringComparison.Ordinal));
    }

    private async Task<((HttpStatusCode Status, string Body) Response, IReadOnlyList<string> Logged)> SendAsync(HttpRequestMessage request, string token)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseUri };
        request.Headers.Authorization = new("Bearer", token);
        var before = _logs.GetSnapshot().Count;
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();

            // Hosting logs "request finished" once the response is complete: every line of this request is in by then.
            await Eventually.TrueAsync(
                () => _logs.GetSnapshot().Skip(before).Any(record => record.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && record.Id.Id == 2),
                TimeSpan.FromSeconds(30), "the request's pipeline finishing");
            return ((response.StatusCode, body), _logs.Lines(before));
        }
    }

    private static HttpRequestMessage Stateless() => Post(McpHttpTests.StatelessCall(1), stateless: true);

    private static HttpRequestMessage Session(string sessionId, string body)
    {
        var request = Post(body, stateless: false);
        request.Headers.TryAddWithoutValidation("Mcp-Session-Id", sessionId);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        return request;
    }

    private static HttpRequestMessage Oversize(bool chunked)
    {
        var body = McpHttpTests.StatelessCall(1).Replace("\"arguments\":{}", $"\"arguments\":{{\"pad\":\"{new string('x', 8000)}\"}}", StringComparison.Ordinal);
        var request = Post(body, stateless: true);
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
            request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
            request.Content.Headers.ContentType = new("application/json");
        }

        return request;
    }

    private static HttpRequestMessage Post(string body, bool stateless)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (stateless)
        {
            using var document = JsonDocument.Parse(body);
            request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
            request.Headers.Add("Mcp-Method", "tools/call");
            request.Headers.Add("Mcp-Name", document.RootElement.GetProperty("params").GetProperty("name").GetString());
        }

        return request;
    }
}
