using System.Text;
using ModelContextProtocol;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// An <c>s3://bucket/key[?versionId=…]</c> location. Keys and version ids are percent-decoded on the way in and
/// encoded on the way out, as quilt3 does for physical keys, so a physical key copied from a package manifest
/// names the same object here.
/// </summary>
public sealed record S3Uri(string Bucket, string Key, string? VersionId = null)
{
    private const string Scheme = "s3://";

    /// <summary>True when the key names a prefix (empty or ending in <c>/</c>) rather than one object.</summary>
    public bool IsPrefix => Key.Length == 0 || Key.EndsWith('/');

    /// <summary>Parses a caller's URI; a malformed one is a tool error that names what is wrong.</summary>
    public static S3Uri Parse(string? text, bool allowPrefix = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid(text, "it is empty");
        }

        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw Invalid(text, "it must start with s3://");
        }

        if (text.Any(char.IsControl))
        {
            throw Invalid(text, "it contains control characters");
        }

        var rest = text[Scheme.Length..];
        var fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            throw Invalid(text, "it has a #fragment");
        }

        string? versionId = null;
        var query = rest.IndexOf('?');
        if (query >= 0)
        {
            versionId = ParseQuery(text, rest[(query + 1)..]);
            rest = rest[..query];
        }

        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : Decode(text, rest[(slash + 1)..]);
        if (!S3Names.IsBucketName(bucket))
        {
            throw Invalid(text, $"'{S3Names.Shorten(bucket)}' is not a valid bucket name");
        }

        var uri = new S3Uri(bucket, key, versionId);
        if (uri.IsPrefix && !allowPrefix)
        {
            throw Invalid(text, "it names a bucket or prefix, not an object");
        }

        if (uri.IsPrefix && versionId is not null)
        {
            throw Invalid(text, "a versionId applies to an object, not a prefix");
        }

        if (key.Length > 0)
        {
            S3Names.EnsureValidKey(key);
        }

        return uri;
    }

    /// <summary>quilt3's form: the key and version id percent-encoded, <c>/</c> kept.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Scheme).Append(Bucket).Append('/').Append(Encode(Key));
        if (VersionId is not null)
        {
            builder.Append("?versionId=").Append(Encode(VersionId));
        }

        return builder.ToString();
    }

    /// <summary>Percent-encodes everything but unreserved characters and <c>/</c> (Python's <c>urllib.parse.quote</c>).</summary>
    internal static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~' or '/')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string? ParseQuery(string text, string query)
    {
        string? versionId = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            if (name != "versionId" || equals < 0)
            {
                throw Invalid(text, $"only ?versionId=… is understood, not '{S3Names.Shorten(pair)}'");
            }

            if (versionId is not null)
            {
                throw Invalid(text, "versionId is given twice");
            }

            versionId = Decode(text, pair[(equals + 1)..]);
            if (versionId.Length == 0 || versionId.Length > 1024 || versionId.Any(char.IsControl))
            {
                throw Invalid(text, "the versionId is empty, too long or has control characters");
            }
        }

        return versionId;
    }

    private static string Decode(string text, string value)
    {
        try
        {
            var decoded = Uri.UnescapeDataString(value);
            return decoded.Any(char.IsControl) ? throw Invalid(text, "it decodes to control characters") : decoded;
        }
        catch (UriFormatException)
        {
            throw Invalid(text, "its percent-encoding is malformed");
        }
    }

    private static McpException Invalid(string? text, string reason) =>
        new($"Invalid S3 URI '{S3Names.Shorten(text)}': {reason}. Expected s3://bucket/key, optionally with ?versionId=….");
}
