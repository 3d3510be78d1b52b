using System.Buffers.Text;
using System.Text;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// Where the next <c>resources/list</c> page starts: a bucket, and the last registry key already looked at in it.
/// Opaque to clients (base64url), and checked like any other input when it comes back: the bucket must still be one the
/// caller may list, the key one under the registry prefix that the key rule allows.
/// </summary>
public sealed record ResourceListCursor(string Bucket, string StartAfter)
{
    private const string Version = "v1";

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', Version, Bucket, StartAfter)));

    /// <summary>The cursor, or null when it is not one this server issued for these buckets.</summary>
    public static ResourceListCursor? TryDecode(string cursor, IReadOnlyCollection<string> listableBuckets)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(listableBuckets);
        if (cursor.Length > 2 * S3Limits.MaxKeyBytes || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (text.Split('\n') is not [Version, var bucket, var startAfter] || !listableBuckets.Contains(bucket))
        {
            return null;
        }

        var keyIsFine = startAfter.Length == 0
            || (startAfter.StartsWith(PackageRegistry.NamedPrefix, StringComparison.Ordinal) && S3Names.KeyProblem(startAfter) is null);
        return keyIsFine ? new ResourceListCursor(bucket, startAfter) : null;
    }
}
