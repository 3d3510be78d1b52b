using Amazon.S3;
using Amazon.S3.Model;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// Writes small in-memory objects. The body is sent with a plain content length rather than the SDK's aws-chunked
/// streaming framing: the payload is already in memory, and S3-compatible stores that do not understand the
/// framing would otherwise store it as part of the object.
/// </summary>
public static class S3ObjectWriter
{
    public static Task<PutObjectResponse> PutAsync(
        IAmazonS3 client,
        string bucket,
        string key,
        byte[] body,
        string contentType,
        IReadOnlyDictionary<string, string>? metadata,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(body, writable: false),
            ContentType = contentType,
            UseChunkEncoding = false,
            AutoCloseStream = true,
        };
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Metadata[name] = value;
        }

        return client.PutObjectAsync(request, cancellationToken);
    }
}
