namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// Finds <c>.</c> and <c>..</c> path segments in a key or URL path however they are written. S3 itself treats a key as
/// an opaque string, but path-style endpoints (s3rver, S3-compatible stores, proxies) resolve dot segments, so a key
/// such as <c>../other-bucket/x</c> sent to <c>/bucket/…</c> reaches another bucket. Every form a server on the way
/// might resolve counts: as written, after each round of percent-decoding (lenient, overlong UTF-8 included), with
/// <c>\</c> as a separator, after Unicode NFKC normalization (U+FF0E, U+2024, U+2025, U+FE52 become dots, U+FF0F a
/// slash; see <see cref="SeparatorLookalikes"/>), and with a <c>;parameter</c> after the dots (which Tomcat-style
/// servers drop).
/// </summary>
public static class DotSegments
{
    /// <summary>Rounds of percent-decoding looked through; text still changing after that many is refused.</summary>
    public const int MaxDecodings = 4;

    /// <summary>What makes <paramref name="text"/> unsafe as a key or path, in words, or null when nothing does.</summary>
    /// <remarks>An empty segment (<c>a//b</c>) is not a dot segment: S3 keys may have them and no server resolves them away.</remarks>
    public static string? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = text;
        for (var decodings = 0; decodings <= MaxDecodings; decodings++)
        {
            if (!IsWellFormed(current))
            {
                return decodings == 0 ? "characters that are not valid Unicode" : $"characters that are not valid Unicode {Decoded(decodings)}";
            }

            if (SegmentIn(current) is { } segment)
            {
                return $"a '{segment}' path segment{(decodings == 0 ? "" : " " + Decoded(decodings))}";
            }

            if (SegmentIn(SeparatorLookalikes.Normalize(current)) is { } lookalike)
            {
                return $"a '{lookalike}' path segment once Unicode-normalized (NFKC){(decodings == 0 ? "" : ", " + Decoded(decodings))}";
            }

            var next = PercentDecoding.DecodeOnce(current);
            if (next == current)
            {
                return null;
            }

            current = next;
        }

        return $"percent-encoding nested more than {MaxDecodings} levels deep";
    }

    private static string Decoded(int rounds) => rounds == 1 ? "once percent-decoded" : $"after {rounds} rounds of percent-decoding";

    private static string? SegmentIn(string text)
    {
        foreach (var segment in text.Split('/', '\\'))
        {
            var name = segment.Split(';', 2)[0];
            if (name is "." or "..")
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Lone surrogates cannot be normalized or sent as UTF-8; a server would see replacement bytes instead.</summary>
    private static bool IsWellFormed(string text)
    {
        for (var index = 0; index < text.Length; index++)
        {
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(text[index]))
            {
                return false;
            }
        }

        return true;
    }
}
