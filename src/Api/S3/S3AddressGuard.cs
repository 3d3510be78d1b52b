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
            var slash = rest.IndexOf('/');
            (addressedBucket, addressedKey) = slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
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

    /// <summary>RFC 3986 §5.2.4: what a server that resolves dot segments makes of a path.</summary>
    public static string RemoveDotSegments(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var output = new List<string>();
        var segments = path.Split('/');
        for (var index = 0; index < segments.Length; index++)
        {
            var segment = segments[index];
            var last = index == segments.Length - 1;
            if (segment is "." or "..")
            {
                if (segment == ".." && output.Count > 1)
                {
                    output.RemoveAt(output.Count - 1);
                }

                if (last)
                {
                    output.Add("");
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        var resolved = string.Join('/', output);
        return resolved.StartsWith('/') ? resolved : "/" + resolved;
    }

    /// <summary>The host and the raw path of a URL, split by hand so that nothing is normalized on the way.</summary>
    private static (string Host, string Path) Split(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = scheme < 0 ? 0 : scheme + 3;
        var pathStart = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = pathStart < 0 ? url[authorityStart..] : url[authorityStart..pathStart];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var port = host.LastIndexOf(':');
        host = port > host.LastIndexOf(']') ? host[..port] : host;
        if (pathStart < 0 || url[pathStart] != '/')
        {
            return (host, "/");
        }

        var end = url.IndexOfAny(['?', '#'], pathStart);
        return (host, end < 0 ? url[pathStart..] : url[pathStart..end]);
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
            return Uri.TryCreate(serviceUrl, UriKind.Absolute, out var endpoint)
                && string.Equals(host, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase);
        }

        return (host.StartsWith("s3.", StringComparison.OrdinalIgnoreCase) || host.StartsWith("s3-", StringComparison.OrdinalIgnoreCase))
            && (host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase));
    }

    private static string BasePath(string? serviceUrl) =>
        serviceUrl is { Length: > 0 } && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var endpoint)
            ? Decode(endpoint.AbsolutePath).TrimEnd('/')
            : "";

    private static string Decode(string path)
    {
        try
        {
            return Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            return path;
        }
    }

    private static string Quote(string path) => $"'{S3Names.Shorten(path)}'";

    private static S3RequestRefusedException Refused(string target, string reason) =>
        new($"The S3 request for {S3Names.Shorten(target)} was refused before it was sent: {reason}.");
}
