using System.Net;
using System.Text.Json;

namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>An HTTP answer to a tool call: status, raw body, and the JSON-RPC message when there was one.</summary>
public sealed record ToolReply(HttpStatusCode Status, string Body, JsonElement? Message)
{
    public bool IsToolError => Message is { } message
        && message.TryGetProperty("result", out var result)
        && result.TryGetProperty("isError", out var isError) && isError.GetBoolean();

    /// <summary>The tool's text content (its JSON result, or its error message).</summary>
    public string Text => Message is { } message && message.TryGetProperty("result", out var result)
        ? result.GetProperty("content")[0].GetProperty("text").GetString()!
        : throw new InvalidOperationException($"No tool result: HTTP {(int)Status}: {Body}");

    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();
}
