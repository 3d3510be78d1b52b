using System.Text;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// An <c>s3://bucket/key[?versionId=…]</c> location. Keys and version ids are percent-decoded on the way in and
/// encoded on the way out, as quilt3 does for physical keys, so a physical key copied from a package manifest
/// names the same object here.
/// </summary>
public sealed record S3Uri(string Bucket, string Key, string? VersionId = null)
{
    private const string Scheme = "s3://";

    private const string VersionIdParameter = "versionId=";

    /// <summary>True when the key names a prefix (empty or ending in <c>/</c>) rather than one object.</summary>
    public bool IsPrefix => Key.Length == 0 || Key.EndsWith('/');

    /// <summary>
    /// Parses a caller's URI; a malformed one is a tool error that names the argument and what is wrong. The decoded
    /// key follows the S3 key rule (<see cref="S3Names.KeyProblem"/>), so <c>%2e%2e/</c> or <c>..%2F</c> is refused
    /// like <c>../</c>.
    /// </summary>
    public static S3Uri Parse(string? text, bool allowPrefix = false, string argument = "s3_uri")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid(text, argument, "it is empty");
        }

        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw Invalid(text, argument, "it must start with s3://");
        }

        if (text.Any(char.IsControl))
        {
            throw Invalid(text, argument, "it contains control characters");
        }

        var rest = text[Scheme.Length..];
        if (rest.Contains('#'))
        {
            throw Invalid(text, argument, "it has a #fragment");
        }

        string? versionId = null;
        if (rest.Split('?', 2) is [var location, var query])
        {
            versionId = ParseQuery(text, argument, query);
            rest = location;
        }

        var (bucket, encodedKey) = rest.Split('/', 2) is [var name, var path] ? (name, path) : (rest, "");
        var key = Uri.UnescapeDataString(encodedKey);
        if (key.Any(char.IsControl))
        {
            throw Invalid(text, argument, "it decodes to control characters");
        }

        if (!S3Names.IsBucketName(bucket))
        {
            throw Invalid(text, argument, $"'{S3Names.Shorten(bucket)}' is not a valid bucket name");
        }

        var uri = new S3Uri(bucket, key, versionId);
        if (uri.IsPrefix && !allowPrefix)
        {
            throw Invalid(text, argument, "it names a bucket or prefix, not an object");
        }

        if (uri.IsPrefix && versionId is not null)
        {
            throw Invalid(text, argument, "a versionId applies to an object, not a prefix");
        }

        if (key.Length > 0 && S3Names.KeyProblem(key) is { } problem)
        {
            throw Invalid(text, argument, $"its key '{S3Names.Shorten(key)}' {problem}");
        }

        return uri;
    }

    /// <summary>
    /// This object at the version a separate argument names, when it names one. A version given both in the URI and
    /// as the argument must be the same: two different versions would leave it to us to guess which one was meant.
    /// </summary>
    public S3Uri WithVersion(string? versionId, string argument = "version_id", string uriArgument = "s3_uri")
    {
        if (versionId is null)
        {
            return this;
        }

        S3VersionId.Ensure(versionId, argument);
        if (VersionId is not null && VersionId != versionId)
        {
            throw new InvalidS3AddressException(
                $"{argument} '{S3Names.Shorten(versionId)}' differs from the versionId in {uriArgument} ('{S3Names.Shorten(VersionId)}'); give the version once, as {argument} or in the URI.");
        }

        return this with { VersionId = versionId };
    }

    /// <summary>quilt3's form: the key and version id percent-encoded, <c>/</c> kept.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Scheme).Append(Bucket).Append('/').Append(Encode(Key));
        if (VersionId is not null)
        {
            builder.Append('?').Append(VersionIdParameter).Append(Encode(VersionId));
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

    private static string? ParseQuery(string text, string argument, string query)
    {
        string? versionId = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!pair.StartsWith(VersionIdParameter, StringComparison.Ordinal))
            {
                throw Invalid(text, argument, $"only ?versionId=… is understood, not '{S3Names.Shorten(pair)}'");
            }

            if (versionId is not null)
            {
                throw Invalid(text, argument, "versionId is given twice");
            }

            versionId = Uri.UnescapeDataString(pair[VersionIdParameter.Length..]);
            if (S3VersionId.Problem(versionId) is { } problem)
            {
                var quoted = versionId.Length == 0 ? "" : $" '{S3Names.Shorten(versionId)}'";
                throw Invalid(text, argument, $"its versionId{quoted} {problem}; {S3VersionId.Rule}");
            }
        }

        return versionId;
    }

    private static InvalidS3AddressException Invalid(string? text, string argument, string reason) =>
        new($"Invalid S3 URI '{S3Names.Shorten(text)}' in {argument}: {reason}. Expected s3://bucket/key, optionally with ?versionId=….");
}
