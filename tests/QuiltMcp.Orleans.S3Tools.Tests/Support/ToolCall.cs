using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>Calls tools with the official client and reads their answers.</summary>
public static class ToolCall
{
    public static async Task<JsonElement> JsonAsync(McpClient client, string tool, object arguments)
    {
        var result = await client.CallToolAsync(tool, ToArguments(arguments));
        var text = string.Join("", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
        Assert.False(result.IsError == true, $"{tool} failed: {text}");
        var json = JsonDocument.Parse(text).RootElement.Clone();
        // A client that reads structuredContent instead of the text must see the same result.
        Assert.True(result.StructuredContent is { } structured && JsonElement.DeepEquals(json, structured),
            $"{tool}: structuredContent is missing or differs from the text block");
        return json;
    }

    /// <summary>The tool's error text; fails the test when the call succeeded.</summary>
    public static async Task<string> ErrorAsync(McpClient client, string tool, object arguments)
    {
        try
        {
            var result = await client.CallToolAsync(tool, ToArguments(arguments));
            var text = string.Join("", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
            Assert.True(result.IsError == true, $"{tool} was expected to fail but returned: {text}");
            return text;
        }
        catch (McpProtocolException refused)
        {
            // Refusals before the tool runs (scope checks) come back as JSON-RPC errors.
            return refused.Message;
        }
    }

    public static async Task<CallToolResult> RawAsync(
        McpClient client, string tool, object arguments, IProgress<ProgressNotificationValue>? progress = null, CancellationToken cancellationToken = default) =>
        await client.CallToolAsync(tool, ToArguments(arguments), progress, cancellationToken: cancellationToken);

    private static Dictionary<string, object?> ToArguments(object arguments) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(arguments))!
            .ToDictionary(pair => pair.Key, pair => (object?)pair.Value);
}
