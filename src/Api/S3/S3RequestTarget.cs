using Amazon.Runtime;
using Amazon.S3.Model;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// The bucket and key an S3 request means to address, read from the request object the tool built. Only the
/// operations the data tools use are known; any other is refused, since the guard could not say what it addresses
/// (a copy, for one, names a second bucket in a header).
/// </summary>
public static class S3RequestTarget
{
    public static (string? Bucket, string Key) Of(AmazonWebServiceRequest request) => request switch
    {
        GetObjectRequest get => (get.BucketName, get.Key ?? ""),
        GetObjectMetadataRequest head => (head.BucketName, head.Key ?? ""),
        PutObjectRequest put => (put.BucketName, put.Key ?? ""),
        DeleteObjectRequest delete => (delete.BucketName, delete.Key ?? ""),
        GetPreSignedUrlRequest presign => (presign.BucketName, presign.Key ?? ""),
        ListObjectsV2Request list => (list.BucketName, ""),
        ListVersionsRequest versions => (versions.BucketName, ""),
        ListBucketsRequest => (null, ""),
        null => throw new ArgumentNullException(nameof(request)),
        _ => throw new S3RequestRefusedException(
            $"The S3 operation {request.GetType().Name.Replace("Request", "", StringComparison.Ordinal)} is not one the data tools send; it was refused before it was sent."),
    };
}
