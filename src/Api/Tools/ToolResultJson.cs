using System.Text.Encodings.Web;
using ModelContextProtocol;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// How tool results are written: compact JSON whose strings carry text as text. The SDK's default options escape every
/// non-ASCII character and <c>" &lt; &gt; &amp; ' +</c> as <c>\uXXXX</c> (HTML-safe escaping, meant for pages, not for a
/// model), which makes <c>naïve ✓ куилт</c> unreadable and several times longer. Only what JSON itself requires is
/// escaped here: the quote, the backslash and control characters.
/// </summary>
public static class ToolResultJson
{
    public static JsonSerializerOptions Options { get; } = new(McpJsonUtilities.DefaultOptions)
    {
        Encoder = MinimalJsonEncoder.Instance,
        WriteIndented = false,
    };
}
