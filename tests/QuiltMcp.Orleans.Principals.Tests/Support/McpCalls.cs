using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>Stateless MCP tool calls over raw HTTP (the 2026-07-28 revision, no handshake): cheap enough for 10,000.</summary>
public static class McpCalls
{
    public static async Task<ToolReply> CallAsync(
        HttpClient http,
        string tool,
        string? token,
        IDictionary<string, string>? headers = null,
        string arguments = "{}",
        int id = 1)
    {
        var meta = """
            "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},
                     "io.modelcontextprotocol/clientInfo":{"name":"principal-tests","version":"1"}}
            """;
        var body = "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "," + meta + "}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", tool);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ToolReply(response.StatusCode, text, response.StatusCode == HttpStatusCode.OK ? Parse(response, text) : null);
    }

    private static JsonElement Parse(HttpResponseMessage response, string text)
    {
        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? string.Concat(text.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line[5..]))
            : text;
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
