using System.Text;
using System.Text.RegularExpressions;
using ModelContextProtocol;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>Rules for bucket names and object keys, checked before anything is sent to S3.</summary>
public static partial class S3Names
{
    public static bool IsBucketName(string? bucket) => bucket is not null && BucketPattern().IsMatch(bucket);

    public static void EnsureBucket(string? bucket)
    {
        if (!IsBucketName(bucket))
        {
            throw new McpException($"'{Shorten(bucket)}' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens).");
        }
    }

    /// <summary>An object key must be non-empty, free of control characters and at most 1024 UTF-8 bytes.</summary>
    public static void EnsureValidKey(string? key, string what = "object key")
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new McpException($"The {what} is empty.");
        }

        if (key.Any(char.IsControl))
        {
            throw new McpException($"The {what} '{Shorten(key)}' contains control characters.");
        }

        if (Encoding.UTF8.GetByteCount(key) > S3Limits.MaxKeyBytes)
        {
            throw new McpException($"The {what} '{Shorten(key)}' is longer than {S3Limits.MaxKeyBytes} UTF-8 bytes.");
        }
    }

    /// <summary>A listing prefix may be empty but otherwise follows the key rules.</summary>
    public static void EnsureValidPrefix(string? prefix)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            EnsureValidKey(prefix, "prefix");
        }
    }

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
