using System.Text;
using System.Text.RegularExpressions;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>Rules for bucket names and object keys, checked before anything is sent to S3.</summary>
public static partial class S3Names
{
    public static bool IsBucketName(string? bucket) => bucket is not null && BucketPattern().IsMatch(bucket);

    public static void EnsureBucket(string? bucket)
    {
        if (!IsBucketName(bucket))
        {
            throw new InvalidS3AddressException($"'{Shorten(bucket)}' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens).");
        }
    }

    /// <summary>The sentence every dot-segment refusal ends with, so callers learn the rule, not just the case.</summary>
    public const string DotSegmentRule = "keys may not contain '.' or '..' segments in any encoding";

    /// <summary>
    /// The S3 key rule: non-empty, valid Unicode without control characters, at most 1024 UTF-8 bytes, and no
    /// <c>.</c> or <c>..</c> path segment in any encoding (see <see cref="DotSegments"/>). Names with dots inside them
    /// (<c>a.b</c>, <c>.hidden</c>, <c>..c</c>, <c>d..</c>) and empty segments (<c>a//b</c>) are ordinary keys.
    /// </summary>
    public static void EnsureValidKey(string? key, string what = "object key")
    {
        if (KeyProblem(key) is { } problem)
        {
            throw new InvalidS3AddressException(string.IsNullOrEmpty(key) ? $"The {what} {problem}." : $"The {what} '{Shorten(key)}' {problem}.");
        }
    }

    /// <summary>What breaks the key rule, as the end of a sentence about the key, or null when the key is fine.</summary>
    public static string? KeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "is empty";
        }

        if (key.Any(char.IsControl))
        {
            return "contains control characters";
        }

        if (!IsValidUnicode(key))
        {
            return "is not valid Unicode (it has a lone surrogate)";
        }

        // Length before dot segments: the search decodes and normalizes, which need not be done on a megabyte.
        if (Encoding.UTF8.GetByteCount(key) > S3Limits.MaxKeyBytes)
        {
            return $"is longer than {S3Limits.MaxKeyBytes} UTF-8 bytes";
        }

        return DotSegments.Find(key) is { } segment ? $"has {segment}; {DotSegmentRule}" : null;
    }

    /// <summary>A listing prefix may be empty but otherwise follows the key rule, dot segments included.</summary>
    public static void EnsureValidPrefix(string? prefix, string what = "prefix")
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            EnsureValidKey(prefix, what);
        }
    }

    /// <summary>False for text with lone surrogates, which has no UTF-8 form S3 could store.</summary>
    public static bool IsValidUnicode(string text)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static readonly Encoding StrictUtf8 = Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>Caller text quoted in an error, shortened and with control characters made visible.</summary>
    public static string Shorten(string? text)
    {
        if (text is null)
        {
            return "";
        }

        var visible = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return visible.Length > 80 ? visible[..80] + "…" : visible;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketPattern();
}
