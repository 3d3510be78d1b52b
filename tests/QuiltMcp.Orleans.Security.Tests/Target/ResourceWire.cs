using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>Raw resource requests on the stateless 2026-07-28 revision, as <see cref="Wire"/> sends tool calls.</summary>
public static class ResourceWire
{
    /// <summary><c>resources/read</c> of <paramref name="uri"/>, exactly as given; <c>Mcp-Name</c> carries it as the revision requires.</summary>
    public static HttpRequestMessage Read(string? token, string uri)
    {
        var request = Request(token, RequestMethods.ResourcesRead, new JsonObject { ["uri"] = uri });
        request.Headers.TryAddWithoutValidation("Mcp-Name", McpHeaderEncoder.EncodeValue(uri));
        return request;
    }

    public static HttpRequestMessage List(string? token, string? cursor = null) =>
        Request(token, RequestMethods.ResourcesList, cursor is null ? new JsonObject() : new JsonObject { ["cursor"] = cursor });

    public static HttpRequestMessage Templates(string? token) => Request(token, RequestMethods.ResourcesTemplatesList, new JsonObject());

    private static HttpRequestMessage Request(string? token, string method, JsonObject parameters)
    {
        parameters["_meta"] = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = Wire.StatelessRevision,
            ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
            ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "attacker", ["version"] = "1" },
        };
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters };
        var request = Wire.Post(token, body.ToJsonString());
        request.Headers.Add("MCP-Protocol-Version", Wire.StatelessRevision);
        request.Headers.Add("Mcp-Method", method);
        return request;
    }
}
