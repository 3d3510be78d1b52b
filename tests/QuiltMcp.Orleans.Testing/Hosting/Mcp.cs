using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace QuiltMcp.Orleans.Testing.Hosting;

/// <summary>Small helpers around the official C# MCP client.</summary>
public static class Mcp
{
    /// <summary>The newest protocol revision that still uses the initialize handshake (and so a session).</summary>
    public const string SessionProtocol = "2025-11-25";

    public static Task<McpClient> ConnectAsync(Uri endpoint, string? protocolVersion, IDictionary<string, string>? headers = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        });
        return McpClient.CreateAsync(transport, new McpClientOptions
        {
            ProtocolVersion = protocolVersion,
            ClientInfo = new Implementation { Name = "quilt-mcp-tests", Version = "1.0" },
        });
    }

    /// <summary>
    /// Connects over the stdin/stdout of a freshly started server. The client's default <c>server/discover</c> probe
    /// gives up after 5 s and falls back to <c>initialize</c>, which a first call on a loaded test machine can outlast;
    /// the probe is left to the overall initialization timeout (60 s) instead.
    /// </summary>
    public static Task<McpClient> ConnectStdioAsync(IClientTransport transport) =>
        McpClient.CreateAsync(transport, new McpClientOptions { DiscoverProbeTimeout = Timeout.InfiniteTimeSpan });

    /// <summary>Calls a tool and parses its single text content as JSON.</summary>
    public static async Task<JsonElement> CallJsonAsync(McpClient client, string tool, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        var result = await client.CallToolAsync(tool, arguments);
        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
