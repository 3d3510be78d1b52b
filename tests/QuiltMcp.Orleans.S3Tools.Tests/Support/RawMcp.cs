using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>
/// MCP over raw HTTP, for what the official client does not do on its own: keep a tool call's response open while the
/// test acts, and cancel it with <c>notifications/cancelled</c> (the MCP way; merely closing a session's POST is a
/// disconnect, not a cancellation).
/// </summary>
public static class RawMcp
{
    private const string SessionProtocol = "2025-11-25";
    private const string StatelessProtocol = "2026-07-28";

    public static async Task<string> InitializeAsync(HttpClient http, string token)
    {
        const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
        using var initialize = await PostAsync(http, token, null, Initialize, HttpCompletionOption.ResponseContentRead);
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        var session = Assert.Single(initialize.Headers.GetValues("Mcp-Session-Id"));
        using var initialized = await PostAsync(http, token, session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", HttpCompletionOption.ResponseContentRead);
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return session;
    }

    /// <summary>
    /// Sends a tools/call and returns once its response has started (a session's server starts it at once; a stateless
    /// one only with its answer). Cancelling <paramref name="cancellationToken"/> closes the request.
    /// </summary>
    public static async Task<HttpResponseMessage> StartToolCallAsync(
        HttpClient http, string token, string? session, int id, string tool, string argumentsJson, CancellationToken cancellationToken = default)
    {
        var meta = session is null
            ? $$$""","_meta":{"io.modelcontextprotocol/protocolVersion":"{{{StatelessProtocol}}}","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"raw","version":"1"}}"""
            : "";
        var body = $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{argumentsJson}}}{{{meta}}}}}""";
        var response = await PostAsync(http, token, session, body, HttpCompletionOption.ResponseHeadersRead, tool, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    public static async Task CancelAsync(HttpClient http, string token, string session, int requestId)
    {
        using var cancelled = await PostAsync(http, token, session,
            $$$"""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{{{requestId}}},"reason":"the user gave up"}}""",
            HttpCompletionOption.ResponseContentRead);
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient http, string token, string? session, string body, HttpCompletionOption completion, string? tool = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
            request.Headers.Add("MCP-Protocol-Version", SessionProtocol);
        }
        else if (tool is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", StatelessProtocol);
            request.Headers.Add("Mcp-Method", "tools/call");
            request.Headers.Add("Mcp-Name", tool);
        }

        return await http.SendAsync(request, completion, cancellationToken);
    }
}
