using System.Buffers.Text;
using System.Text;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>
/// The continuation token of a version listing. ListObjectVersions resumes from two markers (a key and a version id)
/// where ListObjectsV2 has one opaque token; both travel as one <c>continuation_token</c> so a model pages either
/// listing the same way. The token is base64url of a JSON pair behind a prefix that tells it from an S3 token; it
/// carries nothing secret, and what comes back is checked like any other argument before it is sent.
/// </summary>
public static class VersionListingToken
{
    private const string Prefix = "versions.";

    public const string Refusal = "continuation_token is not a token returned by bucket_objects_list with versions=true.";

    public static string? Encode(string? keyMarker, string? versionIdMarker) =>
        string.IsNullOrEmpty(keyMarker)
            ? null
            : Prefix + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { keyMarker, versionIdMarker ?? "" }));

    /// <summary>True for a token of a version listing (which a plain listing must not be handed).</summary>
    public static bool IsOne(string? token) => token is not null && token.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The two markers; a token that is not one of ours, or carries markers S3 could not have sent, is refused.</summary>
    public static (string KeyMarker, string? VersionIdMarker) Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 4096)
        {
            throw new McpException(Refusal);
        }

        string[]? markers;
        try
        {
            markers = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length)));
        }
        catch (Exception failure) when (failure is FormatException or JsonException)
        {
            throw new McpException(Refusal);
        }

        if (markers is not [{ } key, { } version]
            || key.Length == 0 || key.Any(char.IsControl) || Encoding.UTF8.GetByteCount(key) > S3Limits.MaxKeyBytes
            || (version.Length > 0 && S3VersionId.Problem(version) is not null))
        {
            throw new McpException(Refusal);
        }

        return (key, version.Length == 0 ? null : version);
    }
}
