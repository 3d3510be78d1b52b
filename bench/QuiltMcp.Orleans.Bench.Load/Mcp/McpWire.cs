using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace QuiltMcp.Orleans.Bench.Load.Mcp;

/// <summary>
/// Raw MCP Streamable HTTP messages, built by hand so that the client side costs the same for both servers and
/// stays small: no SDK client, no per-request JSON serialization beyond splicing in the request id.
/// </summary>
public static class McpWire
{
    public const string SessionProtocol = "2025-11-25";
    public const string StatelessProtocol = "2026-07-28";

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    private static readonly byte[] InitializedBody = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");

    public static HttpRequestMessage Initialize(Uri endpoint, string? authorization, long id) =>
        Post(endpoint, authorization, Body(
            "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + SessionProtocol
            + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"quilt-mcp-bench\",\"version\":\"1\"}}}"));

    public static HttpRequestMessage Initialized(Uri endpoint, string? authorization, string sessionId)
    {
        var request = Post(endpoint, authorization, new ByteArrayContent(InitializedBody));
        AddSessionHeaders(request, sessionId);
        return request;
    }

    /// <summary>A <c>tools/call</c> inside a session (initialize clients).</summary>
    public static HttpRequestMessage SessionToolCall(Uri endpoint, string? authorization, string sessionId, string tool, string argumentsJson, long id)
    {
        var request = Post(endpoint, authorization, Body(ToolCallPrefix(id, tool, argumentsJson) + "}}"));
        AddSessionHeaders(request, sessionId);
        return request;
    }

    /// <summary>A <c>tools/call</c> of a 2026-07-28 client: no session, the protocol facts travel in headers and <c>_meta</c>.</summary>
    public static HttpRequestMessage StatelessToolCall(Uri endpoint, string? authorization, string tool, string argumentsJson, long id)
    {
        var request = Post(endpoint, authorization, Body(ToolCallPrefix(id, tool, argumentsJson) + StatelessMeta));
        request.Headers.Add("MCP-Protocol-Version", StatelessProtocol);
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", tool);
        return request;
    }

    /// <summary>
    /// True for a JSON-RPC success: HTTP 200 and a <c>result</c> that is not a tool error. The body is read in
    /// full either way, so the connection is free for the next request.
    /// </summary>
    public static async Task<bool> IsResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            && body.Contains("\"result\"", StringComparison.Ordinal)
            && !body.Contains("\"isError\":true", StringComparison.Ordinal);
    }

    /// <summary>One shared connection pool for the whole run: connections are reused, never opened per request.</summary>
    public static HttpClient CreateClient(int maxConnections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static HttpRequestMessage Post(Uri endpoint, string? authorization, HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Accept.Add(Json);
        request.Headers.Accept.Add(EventStream);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private static void AddSessionHeaders(HttpRequestMessage request, string sessionId)
    {
        request.Headers.Add("Mcp-Session-Id", sessionId);
        request.Headers.Add("MCP-Protocol-Version", SessionProtocol);
    }

    private const string StatelessMeta = ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + StatelessProtocol
        + "\",\"io.modelcontextprotocol/clientCapabilities\":{},\"io.modelcontextprotocol/clientInfo\":{\"name\":\"quilt-mcp-bench\",\"version\":\"1\"}}}}";

    /// <summary>Everything of a tools/call body up to (not including) the end of <c>params</c>.</summary>
    private static string ToolCallPrefix(long id, string tool, string argumentsJson) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson;

    private static ByteArrayContent Body(string json) => new(Encoding.UTF8.GetBytes(json));
}
