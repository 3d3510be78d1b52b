using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace QuiltMcp.Orleans.Testing.Aws.S3;

/// <summary>
/// One request on its way to S3 as <see cref="S3RecordingProxy"/> saw it: the method, the request target exactly as
/// sent, the bucket and key it addresses (path-style: the first path segment is the bucket), and who signed it: the
/// access key id of the SigV4 credential scope and the session token (from the headers, or from the query of a
/// presigned URL). Null when the request carried none.
/// </summary>
public sealed record S3Request(string Method, string Target, string Bucket, string Key, string? AccessKeyId, string? SessionToken)
{
    private const string SessionTokenName = "X-Amz-Security-Token";

    public static S3Request Read(string method, string target, IHeaderDictionary headers)
    {
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        var query = QueryHelpers.ParseQuery(queryStart < 0 ? "" : target[queryStart..]);
        var segments = path.TrimStart('/').Split('/', 2);
        var key = segments.Length == 2 ? Uri.UnescapeDataString(segments[1]) : "";

        var credential = CredentialOf(headers.Authorization.ToString()) ?? query.GetValueOrDefault("X-Amz-Credential").ToString();
        var accessKeyId = credential is { Length: > 0 } ? credential.Split('/')[0] : null;
        var sessionToken = headers.TryGetValue(SessionTokenName, out var header) ? header.ToString()
            : query.TryGetValue(SessionTokenName, out var parameter) ? parameter.ToString()
            : null;
        return new S3Request(method, target, Uri.UnescapeDataString(segments[0]), key, accessKeyId, sessionToken);
    }

    /// <summary><c>AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/s3/aws4_request, SignedHeaders=…, Signature=…</c></summary>
    private static string? CredentialOf(string authorization)
    {
        const string Marker = "Credential=";
        var at = authorization.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var value = authorization[(at + Marker.Length)..];
        var end = value.IndexOf(',', StringComparison.Ordinal);
        return (end < 0 ? value : value[..end]).Trim();
    }
}
