using System.Globalization;
using System.Text;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// One round of percent-decoding done as the sloppiest server on the way might do it, so a check can see what such
/// a server would see: <c>%XX</c> (either case), IIS-style <c>%uXXXX</c>, and UTF-8 decoded leniently, overlong
/// forms included (<c>%c0%ae</c> becomes <c>.</c>). Bytes that form no character become U+FFFD; a <c>%</c> that
/// starts no escape stays as it is.
/// </summary>
public static class PercentDecoding
{
    public static string DecodeOnce(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('%'))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var pending = new List<byte>();
        for (var index = 0; index < text.Length;)
        {
            if (text[index] == '%' && TryHexByte(text, index + 1, out var value))
            {
                pending.Add(value);
                index += 3;
                continue;
            }

            AppendLenientUtf8(pending, result);
            pending.Clear();
            if (text[index] == '%' && index + 6 <= text.Length && (text[index + 1] is 'u' or 'U')
                && ushort.TryParse(text.AsSpan(index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                result.Append((char)unit);
                index += 6;
                continue;
            }

            result.Append(text[index]);
            index++;
        }

        AppendLenientUtf8(pending, result);
        return result.ToString();
    }

    private static bool TryHexByte(string text, int start, out byte value)
    {
        value = 0;
        return start + 2 <= text.Length
            && byte.TryParse(text.AsSpan(start, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// UTF-8 as a careless decoder reads it: the lead byte says how many continuation bytes follow and their payload
    /// bits are combined without the shortest-form check a strict decoder makes.
    /// </summary>
    private static void AppendLenientUtf8(List<byte> bytes, StringBuilder result)
    {
        for (var index = 0; index < bytes.Count;)
        {
            var lead = bytes[index];
            var (length, bits) = lead switch
            {
                < 0x80 => (1, lead),
                >= 0xC0 and < 0xE0 => (2, lead & 0x1F),
                >= 0xE0 and < 0xF0 => (3, lead & 0x0F),
                >= 0xF0 and < 0xF8 => (4, lead & 0x07),
                _ => (0, 0),
            };
            if (length == 0 || index + length > bytes.Count || !Continues(bytes, index + 1, length - 1))
            {
                result.Append('\uFFFD');
                index++;
                continue;
            }

            var codePoint = bits;
            for (var next = 1; next < length; next++)
            {
                codePoint = (codePoint << 6) | (bytes[index + next] & 0x3F);
            }

            if (Rune.IsValid(codePoint))
            {
                result.Append(new Rune(codePoint).ToString());
            }
            else
            {
                result.Append('\uFFFD');
            }

            index += length;
        }
    }

    private static bool Continues(List<byte> bytes, int start, int count)
    {
        for (var index = start; index < start + count; index++)
        {
            if ((bytes[index] & 0xC0) != 0x80)
            {
                return false;
            }
        }

        return true;
    }
}
