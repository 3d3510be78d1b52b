using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>Raw MCP over HTTP, as an attacker's script sends it: no SDK smoothing anything over.</summary>
public static class Wire
{
    public const string StatelessRevision = "2026-07-28";
    public const string SessionRevision = "2025-11-25";

    /// <summary>A <c>tools/call</c> on the stateless 2026-07-28 revision (no session, metadata in every request).</summary>
    public static HttpRequestMessage ToolCall(string? token, string tool, JsonNode? arguments)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "tools/call",
            ["params"] = new JsonObject
            {
                ["name"] = tool,
                ["arguments"] = arguments ?? new JsonObject(),
                ["_meta"] = new JsonObject
                {
                    ["io.modelcontextprotocol/protocolVersion"] = StatelessRevision,
                    ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
                    ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "attacker", ["version"] = "1" },
                },
            },
        };
        var request = Post(token, body.ToJsonString());
        request.Headers.Add("MCP-Protocol-Version", StatelessRevision);
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", tool);
        return request;
    }

    /// <summary>An <c>initialize</c> on the 2025-11-25 revision, which opens a session.</summary>
    public static HttpRequestMessage Initialize(string? token) => Post(token, """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"REVISION","capabilities":{},"clientInfo":{"name":"attacker","version":"1"}}}
        """.Replace("REVISION", SessionRevision, StringComparison.Ordinal));

    /// <summary>A request within a session.</summary>
    public static HttpRequestMessage InSession(string? token, string session, string body, HttpMethod? method = null)
    {
        var request = Post(token, body);
        request.Method = method ?? HttpMethod.Post;
        if (request.Method != HttpMethod.Post)
        {
            request.Content = null;
        }

        request.Headers.TryAddWithoutValidation("Mcp-Session-Id", session);
        request.Headers.Add("MCP-Protocol-Version", SessionRevision);
        return request;
    }

    public static string SessionToolCall(string tool) =>
        """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"TOOL","arguments":{}}}""".Replace("TOOL", tool, StringComparison.Ordinal);

    /// <summary>A POST to /mcp with the MCP content and accept types, the token as a Bearer header when given.</summary>
    public static HttpRequestMessage Post(string? token, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return request;
    }

    /// <summary>The JSON-RPC message of a JSON or single-event SSE response.</summary>
    public static JsonElement Message(string body, string? mediaType)
    {
        var json = mediaType == "text/event-stream"
            ? string.Concat(body.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line[5..]))
            : body;
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
