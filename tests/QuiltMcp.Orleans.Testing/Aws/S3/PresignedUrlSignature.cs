using System.Security.Cryptography;
using System.Text;

namespace QuiltMcp.Orleans.Testing.Aws.S3;

/// <summary>
/// Checks a SigV4 query-presigned S3 GET URL against a secret key, as S3 does (s3rver does not verify V4 signatures):
/// the canonical request is rebuilt from the URL itself, so a query parameter the signature did not cover, or one
/// changed after signing, makes the check fail. Only what presigned GETs use is supported: <c>host</c> as the one
/// signed header and an unsigned payload.
/// </summary>
public static class PresignedUrlSignature
{
    public static bool IsValid(Uri url, string secretAccessKey)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = Query(url);
        if (query.GetValueOrDefault("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" || query.GetValueOrDefault("X-Amz-SignedHeaders") != "host"
            || query.GetValueOrDefault("X-Amz-Signature") is not { } signature || query.GetValueOrDefault("X-Amz-Credential") is not { } credential
            || query.GetValueOrDefault("X-Amz-Date") is not { } date)
        {
            return false;
        }

        // Credential: <access key id>/<yyyymmdd>/<region>/s3/aws4_request
        var scope = credential[(credential.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var scopeParts = scope.Split('/');
        var canonicalQuery = string.Join('&', query
            .Where(pair => pair.Key != "X-Amz-Signature")
            .OrderBy(pair => Escape(pair.Key), StringComparer.Ordinal)
            .Select(pair => Escape(pair.Key) + "=" + Escape(pair.Value)));
        var host = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        var canonicalRequest = $"GET\n{url.AbsolutePath}\n{canonicalQuery}\nhost:{host}\n\nhost\nUNSIGNED-PAYLOAD";
        var stringToSign = $"AWS4-HMAC-SHA256\n{date}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in scopeParts)
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>The decoded query parameters of <paramref name="url"/>, by name.</summary>
    public static Dictionary<string, string> Query(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "", StringComparer.Ordinal);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
