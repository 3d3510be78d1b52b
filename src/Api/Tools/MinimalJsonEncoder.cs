using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// A JSON string encoder that escapes only what JSON requires (RFC 8259: the quotation mark, the reverse solidus and
/// the control characters U+0000–U+001F), plus lone surrogates, which UTF-8 cannot carry. Everything else, including
/// characters outside the Basic Multilingual Plane, is written as itself. The framework's relaxed encoder still escapes
/// those and a few more.
/// </summary>
public sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        Enumerable.Range(0, 0x20).Select(code => (char)code).Concat(['"', '\\']).ToArray());

    private static readonly SearchValues<byte> MustEscapeUtf8 = SearchValues.Create(
        Enumerable.Range(0, 0x20).Select(code => (byte)code).Concat([(byte)'"', (byte)'\\']).ToArray());

    public static MinimalJsonEncoder Instance { get; } = new();

    private MinimalJsonEncoder()
    {
    }

    /// <summary><c>\uXXXX</c> is the longest escape this encoder writes.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or '"' or '\\' || (unicodeScalar is >= 0xD800 and <= 0xDFFF);

    /// <summary>
    /// Found with vectorized searches (this runs over every string of every result, some of them 64 KiB of text): the
    /// first character JSON requires escaping, then, only before it and only if there is any surrogate at all, a lone one.
    /// </summary>
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        var stop = span.IndexOfAny(MustEscape);
        var lone = FirstLoneSurrogate(stop < 0 ? span : span[..stop]);
        return lone >= 0 ? lone : stop;
    }

    /// <summary>
    /// The UTF-8 twin, used when already-encoded text is written (a <see cref="JsonElement"/> such as structured
    /// content, or property names). An escape-free run must also be well-formed UTF-8; a valid multi-byte sequence
    /// never contains an ASCII byte, so validating the run before the first escape is enough.
    /// </summary>
    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var stop = utf8Text.IndexOfAny(MustEscapeUtf8);
        var run = stop < 0 ? utf8Text : utf8Text[..stop];
        return Utf8.IsValid(run) ? stop : FirstInvalidUtf8(run);
    }

    private static int FirstLoneSurrogate(ReadOnlySpan<char> text)
    {
        var index = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (index >= 0)
        {
            if (!char.IsHighSurrogate(text[index]) || index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]))
            {
                return index;
            }

            var next = text[(index + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            index = next < 0 ? -1 : index + 2 + next;
        }

        return -1;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        for (var index = 0; index < text.Length;)
        {
            if (Rune.DecodeFromUtf8(text[index..], out _, out var consumed) != OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
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
