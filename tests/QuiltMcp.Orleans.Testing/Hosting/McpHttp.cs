using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace QuiltMcp.Orleans.Testing.Hosting;

/// <summary>
/// MCP Streamable HTTP by hand, for tests that need what the official client will not send: a chosen session, chosen
/// <c>Mcp-Method</c>/<c>Mcp-Name</c> headers, or one request at a time with its raw answer.
/// </summary>
public static class McpHttp
{
    /// <summary>The revision without sessions, whose requests carry their protocol version in <c>_meta</c>.</summary>
    public const string StatelessProtocol = "2026-07-28";

    /// <summary>
    /// Posts <paramref name="body"/> to <c>/mcp</c>: on <paramref name="session"/> (protocol 2025-11-25) when given; as a
    /// 2026-07-28 request, with the <c>Mcp-Method</c> and <c>Mcp-Name</c> headers its body implies, when its <c>_meta</c>
    /// names that revision; otherwise bare, as an <c>initialize</c> is sent. <paramref name="headers"/> are set last
    /// and replace any of those.
    /// </summary>
    public static Task<HttpResponseMessage> PostAsync(
        HttpClient http, string body, string? token, string? session, IReadOnlyDictionary<string, string>? headers = null) =>
        PostAsync(http, body, token, session, request =>
        {
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers.Remove(name);
                request.Headers.Add(name, value);
            }
        });

    /// <summary>The same, with <paramref name="configure"/> given the request last, to change anything about it.</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient http, string body, string? token, string? session, Action<HttpRequestMessage>? configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
            request.Headers.Add("MCP-Protocol-Version", Mcp.SessionProtocol);
        }
        else if (body.Contains(StatelessProtocol, StringComparison.Ordinal))
        {
            request.Headers.Add("MCP-Protocol-Version", StatelessProtocol);
            using var document = JsonDocument.Parse(body);
            request.Headers.Add("Mcp-Method", document.RootElement.GetProperty("method").GetString());
            if (document.RootElement.TryGetProperty("params", out var parameters) && parameters.TryGetProperty("name", out var name))
            {
                request.Headers.Add("Mcp-Name", name.GetString());
            }
        }

        configure?.Invoke(request);
        return await http.SendAsync(request);
    }

    /// <summary>Opens a session with the initialize handshake and returns its id.</summary>
    public static async Task<string> OpenSessionAsync(HttpClient http, string? token)
    {
        using var initialize = await PostAsync(http, """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw-http","version":"1"}}}
            """, token, session: null);
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        var session = Assert.Single(initialize.Headers.GetValues("Mcp-Session-Id"));
        using var initialized = await PostAsync(http, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", token, session);
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return session;
    }

    /// <summary>The JSON-RPC message of a JSON or single-event SSE answer.</summary>
    public static async Task<JsonElement> ReadJsonRpcAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? string.Concat(body.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line[5..]))
            : body;
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
