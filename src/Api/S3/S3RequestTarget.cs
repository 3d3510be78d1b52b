using Amazon.Runtime;
using Amazon.S3.Model;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// The bucket and key an S3 request means to address, read from the request object the tool built. Only the
/// operations the data tools use are known; any other is refused, since the guard could not say what it addresses.
/// A copy (CopyObject, UploadPartCopy) addresses its destination and names its source in a header, which
/// <see cref="CopySourceOf"/> gives for the guard to check as well.
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
        CopyObjectRequest copy => (copy.DestinationBucket, copy.DestinationKey ?? ""),
        InitiateMultipartUploadRequest initiate => (initiate.BucketName, initiate.Key ?? ""),
        CopyPartRequest part => (part.DestinationBucket, part.DestinationKey ?? ""),
        CompleteMultipartUploadRequest complete => (complete.BucketName, complete.Key ?? ""),
        AbortMultipartUploadRequest abort => (abort.BucketName, abort.Key ?? ""),
        null => throw new ArgumentNullException(nameof(request)),
        _ => throw new S3RequestRefusedException(
            $"The S3 operation {request.GetType().Name.Replace("Request", "", StringComparison.Ordinal)} is not one the data tools send; it was refused before it was sent."),
    };

    /// <summary>The object a copy request reads from, or null for a request that copies nothing.</summary>
    public static S3Uri? CopySourceOf(AmazonWebServiceRequest request) => request switch
    {
        CopyObjectRequest copy => new S3Uri(copy.SourceBucket ?? "", copy.SourceKey ?? "", copy.SourceVersionId),
        CopyPartRequest part => new S3Uri(part.SourceBucket ?? "", part.SourceKey ?? "", part.SourceVersionId),
        _ => null,
    };
}
