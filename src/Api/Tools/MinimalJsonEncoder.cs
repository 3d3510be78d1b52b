using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// A JSON string encoder that escapes only what JSON requires (RFC 8259: the quotation mark, the reverse solidus and
/// the control characters U+0000–U+001F), plus lone surrogates, which UTF-8 cannot carry. Everything else, including
/// characters outside the Basic Multilingual Plane, is written as itself. The framework's relaxed encoder still escapes
/// those and a few more.
/// </summary>
public sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static MinimalJsonEncoder Instance { get; } = new();

    private MinimalJsonEncoder()
    {
    }

    /// <summary><c>\uXXXX</c> is the longest escape this encoder writes.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or '"' or '\\' || (unicodeScalar is >= 0xD800 and <= 0xDFFF);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var index = 0; index < span.Length; index++)
        {
            var character = span[index];
            if (char.IsHighSurrogate(character) && index + 1 < span.Length && char.IsLowSurrogate(span[index + 1]))
            {
                index++;
                continue;
            }

            if (WillEncode(character))
            {
                return index;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar))
        {
            return new Rune(unicodeScalar).TryEncodeToUtf16(output, out numberOfCharactersWritten);
        }

        var escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => "\\u" + unicodeScalar.ToString("X4", CultureInfo.InvariantCulture),
        };
        if (escape.Length > output.Length)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        escape.AsSpan().CopyTo(output);
        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
