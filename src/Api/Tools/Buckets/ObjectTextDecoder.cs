using System.Text;
using ModelContextProtocol;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>
/// Decodes object bytes as text, strictly: invalid bytes or NUL characters mean binary content, which is refused
/// rather than returned as replacement characters. A cut made by the byte limit may split a character; that
/// tail is dropped instead of being mistaken for invalid input.
/// </summary>
public static class ObjectTextDecoder
{
    public static readonly IReadOnlyList<string> SupportedEncodings = ["utf-8", "utf-16", "utf-16le", "utf-16be", "latin-1", "ascii"];

    public static Encoding Resolve(string? name)
    {
        var normalized = (name ?? "utf-8").Trim().ToLowerInvariant().Replace('_', '-');
        return normalized switch
        {
            "utf-8" or "utf8" => new UTF8Encoding(false, throwOnInvalidBytes: true),
            "utf-16" or "utf-16le" or "utf16" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true),
            "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true),
            "latin-1" or "latin1" or "iso-8859-1" => Encoding.Latin1,
            "ascii" or "us-ascii" => Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
            _ => throw new McpException($"Unsupported encoding '{Shorten(name)}'; use one of {string.Join(", ", SupportedEncodings)}."),
        };
    }

    /// <summary>The text, or a tool error when the bytes are not text in this encoding.</summary>
    public static string Decode(byte[] data, Encoding encoding, bool truncated, string target) =>
        TryDecode(data, encoding, truncated) ?? throw Binary(target, encoding);

    /// <summary>The text, or null when the bytes are not text in this encoding (invalid sequences or NUL characters).</summary>
    public static string? TryDecode(byte[] data, Encoding encoding, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(encoding);
        var decoder = encoding.GetDecoder();
        var chars = new char[encoding.GetMaxCharCount(data.Length)];
        int count;
        try
        {
            // Without flushing, an incomplete trailing sequence stays in the decoder instead of failing; only a
            // truncated read may end that way.
            count = decoder.GetChars(data, 0, data.Length, chars, 0, flush: !truncated);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var text = new string(chars, 0, count);
        return text.Contains('\0') ? null : text;
    }

    private static McpException Binary(string target, Encoding encoding) =>
        new($"{target} is not {encoding.WebName} text (binary content); use bucket_object_fetch for binary objects.");

    private static string Shorten(string? text) => QuiltMcp.Orleans.Api.S3.S3Names.Shorten(text);
}
