namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// The last check before an S3 request leaves the process: the URL it will be sent to must address one of the
/// buckets the call was authorized for, and exactly the key the request names. The URL is read as servers read it,
/// not as the SDK built it: dot segments in any encoding are refused outright (a path-style endpoint would resolve
/// them into another bucket), the host must be the endpoint's (path style) or the bucket's own under it
/// (virtual-hosted style), the bucket is taken from that host or the first path segment, and the rest of the decoded
/// path must be the key.
/// </summary>
/// <remarks>
/// Key arguments are validated long before this point; the guard exists so that a validation gap, a key read back
/// from S3 or a manifest, or an SDK change cannot turn into a request for someone else's bucket.
/// </remarks>
public sealed class S3AddressGuard(S3ClientScope scope)
{
    /// <summary>Throws <see cref="S3RequestRefusedException"/> unless <paramref name="url"/> addresses the bucket and key.</summary>
    /// <param name="url">The request URL as it will be sent. Its query is never quoted (a presigned URL's holds the signature).</param>
    /// <param name="bucket">The bucket the request names, or null for the account-level bucket list.</param>
    /// <param name="key">The key the request names; empty for bucket-level requests.</param>
    /// <param name="forcePathStyle">The client's addressing setting.</param>
    /// <param name="serviceUrl">The client's custom endpoint, whose path (if any) precedes every request path.</param>
    public void Ensure(string url, string? bucket, string key, bool forcePathStyle, string? serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(key);
        var target = bucket is null ? "the bucket list" : $"s3://{bucket}/{key}";
        var (host, path) = Split(url);
        if (bucket is null ? !scope.MayListBuckets : !scope.Buckets.Contains(bucket))
        {
            throw Refused(target, bucket is null
                ? "this client may only address the buckets its tool call was authorized for"
                : $"bucket '{bucket}' is not one this tool call was authorized for");
        }

        if (DotSegments.Find(path) is { } segment)
        {
            throw Refused(target, $"its path {Quote(path)} has {segment}; a path-style server would read it as {Quote(RemoveDotSegments(Decode(path)))}");
        }

        var decoded = Decode(path);
        var basePath = BasePath(serviceUrl);
        if (!decoded.StartsWith(basePath + "/", StringComparison.Ordinal))
        {
            throw Refused(target, $"its path {Quote(path)} is not under the endpoint's path {Quote(basePath + "/")}");
        }

        // The SDK may double the slash after the endpoint's path, and drops a key's leading slashes in path style.
        var rest = decoded[basePath.Length..].TrimStart('/');
        string addressedBucket;
        string addressedKey;
        if (bucket is not null && !forcePathStyle && IsVirtualHost(host, bucket, serviceUrl))
        {
            (addressedBucket, addressedKey) = (bucket, rest);
        }
        else if (IsServiceHost(host, serviceUrl))
        {
            (addressedBucket, addressedKey) = rest.Split('/', 2) is [var name, var keyPart] ? (name, keyPart) : (rest, "");
        }
        else
        {
            // Another host (a redirect, say) could be another bucket's virtual host, whatever the path says.
            throw Refused(target, $"it goes to host '{S3Names.Shorten(host)}', which is neither the S3 endpoint nor {(bucket is null ? "a bucket" : $"bucket '{bucket}'")} under it");
        }

        if (addressedBucket != (bucket ?? ""))
        {
            throw Refused(target, bucket is null
                ? $"it addresses bucket '{S3Names.Shorten(addressedBucket)}' instead of the bucket list"
                : $"it addresses bucket '{S3Names.Shorten(addressedBucket)}' instead of '{bucket}'");
        }

        if (addressedKey.TrimStart('/') != key.TrimStart('/'))
        {
            throw Refused(target, $"it addresses key '{S3Names.Shorten(addressedKey)}' instead of '{S3Names.Shorten(key)}'");
        }
    }

    /// <summary>The header in which CopyObject and UploadPartCopy name the object they read.</summary>
    public const string CopySourceHeader = "x-amz-copy-source";

    /// <summary>
    /// Throws <see cref="S3RequestRefusedException"/> unless a copy's source header (<c>[/]bucket/key[?versionId=…]</c>,
    /// percent-encoded) names exactly <paramref name="source"/>, in a bucket the call was authorized for, without dot
    /// segments: S3 reads that object with the caller's credentials, so it is held to the same rules as the URL.
    /// </summary>
    public void EnsureCopySource(string? header, S3Uri source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var target = $"the copy source s3://{source.Bucket}/{source.Key}";
        if (string.IsNullOrEmpty(header))
        {
            throw Refused(target, $"it has no {CopySourceHeader} header");
        }

        // The encoded path holds no literal '?': what follows one is the version.
        var path = header.Split('?', 2)[0];
        if (DotSegments.Find(path) is { } segment)
        {
            throw Refused(target, $"its {CopySourceHeader} {Quote(path)} has {segment}");
        }

        var parts = Decode(path).TrimStart('/').Split('/', 2);
        var (bucket, key) = parts.Length == 2 ? (parts[0], parts[1]) : (parts[0], "");
        if (!scope.Buckets.Contains(bucket))
        {
            throw Refused(target, $"its source bucket '{S3Names.Shorten(bucket)}' is not one this tool call was authorized for");
        }

        if (bucket != source.Bucket || key != source.Key)
        {
            throw Refused(target, $"its {CopySourceHeader} names s3://{S3Names.Shorten(bucket)}/{S3Names.Shorten(key)} instead");
        }
    }

    /// <summary>RFC 3986 §5.2.4: what a server that resolves dot segments makes of an absolute path.</summary>
    public static string RemoveDotSegments(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        }

        // The segments after the root; '..' never climbs above it.
        var output = new List<string>();
        var segments = path[1..].Split('/');
        for (var index = 0; index < segments.Length; index++)
        {
            var segment = segments[index];
            if (segment is "." or "..")
            {
                if (segment == ".." && output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }

                // A dot segment at the end leaves the path ending in '/'.
                if (index == segments.Length - 1)
                {
                    output.Add("");
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        return "/" + string.Join('/', output);
    }

    /// <summary>The host and the raw path of a URL, split by hand so that nothing is normalized on the way.</summary>
    private static (string Host, string Path) Split(string url)
    {
        // The SDK always sends an absolute URL; without a scheme the text up to the first '/' is taken for the host.
        var rest = url.Split("://", 2)[^1];
        var authority = rest.Split(['/', '?', '#'], 2)[0];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var port = host.LastIndexOf(':');
        host = port > host.LastIndexOf(']') ? host[..port] : host;

        // Empty when the authority is followed by nothing, a query or a fragment: the root.
        var path = rest[authority.Length..].Split(['?', '#'], 2)[0];
        return (host, path.Length == 0 ? "/" : path);
    }

    /// <summary>The bucket's own host under the endpoint: <c>bucket.endpoint-host</c>.</summary>
    private static bool IsVirtualHost(string host, string bucket, string? serviceUrl) =>
        host.StartsWith(bucket + ".", StringComparison.OrdinalIgnoreCase) && IsServiceHost(host[(bucket.Length + 1)..], serviceUrl);

    /// <summary>
    /// The endpoint's host: the configured one (<c>S3:ServiceUrl</c> or the SDK's <c>AWS_ENDPOINT_URL_S3</c>, both
    /// end up in the client's service URL), or else an AWS S3 endpoint (<c>s3.</c>/<c>s3-</c>… under amazonaws.com).
    /// </summary>
    private static bool IsServiceHost(string host, string? serviceUrl)
    {
        if (serviceUrl is { Length: > 0 })
        {
            // IdnHost is the name as sent (punycode) but drops an IPv6 literal's brackets, which Host and the URL keep.
            return Uri.TryCreate(serviceUrl, UriKind.Absolute, out var endpoint)
                && (string.Equals(host, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase) || string.Equals(host, endpoint.Host, StringComparison.OrdinalIgnoreCase));
        }

        return (host.StartsWith("s3.", StringComparison.OrdinalIgnoreCase) || host.StartsWith("s3-", StringComparison.OrdinalIgnoreCase))
            && (host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase));
    }

    private static string BasePath(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var endpoint)
            ? Decode(endpoint.AbsolutePath).TrimEnd('/')
            : "";

    /// <summary>Percent-decoded once, as S3 reads a path (malformed escapes stay as they are).</summary>
    private static string Decode(string path) => Uri.UnescapeDataString(path);

    private static string Quote(string path) => $"'{S3Names.Shorten(path)}'";

    private static S3RequestRefusedException Refused(string target, string reason) =>
        new($"The S3 request for {S3Names.Shorten(target)} was refused before it was sent: {reason}.");
}
