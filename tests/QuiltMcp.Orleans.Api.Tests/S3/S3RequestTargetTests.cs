using Amazon.Runtime;
using Amazon.S3.Model;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>What each request the data tools send addresses, as the guard reads it; any other operation is refused.</summary>
public sealed class S3RequestTargetTests
{
    /// <remarks>A request without a key addresses the bucket itself, which the guard then holds the URL to.</remarks>
    [Theory]
    [InlineData("GetObject", "a/get", "a/get")]
    [InlineData("GetObject", null, "")]
    [InlineData("GetObjectMetadata", "a/head", "a/head")]
    [InlineData("GetObjectMetadata", null, "")]
    [InlineData("PutObject", "a/put", "a/put")]
    [InlineData("PutObject", null, "")]
    [InlineData("DeleteObject", "a/delete", "a/delete")]
    [InlineData("DeleteObject", null, "")]
    [InlineData("GetPreSignedUrl", "a/presign", "a/presign")]
    [InlineData("GetPreSignedUrl", null, "")]
    [InlineData("ListObjectsV2", "a/", "")]
    [InlineData("CopyObject", "a/copy", "a/copy")]
    [InlineData("InitiateMultipartUpload", "a/mpu", "a/mpu")]
    [InlineData("CopyPart", "a/part", "a/part")]
    [InlineData("CompleteMultipartUpload", "a/done", "a/done")]
    [InlineData("AbortMultipartUpload", "a/abort", "a/abort")]
    [InlineData("ListVersions", "a/", "")]
    public void Each_known_request_names_its_bucket_and_key(string operation, string? key, string addressed)
    {
        Assert.Equal(("bar-bucket", addressed), S3RequestTarget.Of(Request(operation, "bar-bucket", key)));
    }

    [Fact]
    public void The_bucket_list_names_no_bucket_and_no_key()
    {
        Assert.Equal((null, ""), S3RequestTarget.Of(new ListBucketsRequest()));
    }

    [Fact]
    public void Copies_name_their_source_and_nothing_else_does()
    {
        Assert.Equal(new S3Uri("src-bucket", "s", "v1"), S3RequestTarget.CopySourceOf(
            new CopyObjectRequest { SourceBucket = "src-bucket", SourceKey = "s", SourceVersionId = "v1", DestinationBucket = "bar-bucket", DestinationKey = "d" }));
        Assert.Equal(new S3Uri("src-bucket", "s"), S3RequestTarget.CopySourceOf(
            new CopyPartRequest { SourceBucket = "src-bucket", SourceKey = "s", DestinationBucket = "bar-bucket", DestinationKey = "d" }));
        Assert.Null(S3RequestTarget.CopySourceOf(new GetObjectRequest { BucketName = "bar-bucket", Key = "k" }));
    }

    [Fact]
    public void Other_operations_are_refused_by_name()
    {
        var refused = Assert.Throws<S3RequestRefusedException>(() => S3RequestTarget.Of(new DeleteObjectsRequest { BucketName = "bar-bucket" }));

        Assert.Equal("The S3 operation DeleteObjects is not one the data tools send; it was refused before it was sent.", refused.Message);
        Assert.Throws<ArgumentNullException>(() => S3RequestTarget.Of(null!));
    }

    private static AmazonWebServiceRequest Request(string operation, string bucket, string? key) => operation switch
    {
        "GetObject" => new GetObjectRequest { BucketName = bucket, Key = key },
        "GetObjectMetadata" => new GetObjectMetadataRequest { BucketName = bucket, Key = key },
        "PutObject" => new PutObjectRequest { BucketName = bucket, Key = key },
        "DeleteObject" => new DeleteObjectRequest { BucketName = bucket, Key = key },
        "GetPreSignedUrl" => new GetPreSignedUrlRequest { BucketName = bucket, Key = key },
        "ListObjectsV2" => new ListObjectsV2Request { BucketName = bucket, Prefix = key },
        "CopyObject" => new CopyObjectRequest { SourceBucket = "src-bucket", SourceKey = "s", DestinationBucket = bucket, DestinationKey = key },
        "InitiateMultipartUpload" => new InitiateMultipartUploadRequest { BucketName = bucket, Key = key },
        "CopyPart" => new CopyPartRequest { SourceBucket = "src-bucket", SourceKey = "s", DestinationBucket = bucket, DestinationKey = key },
        "CompleteMultipartUpload" => new CompleteMultipartUploadRequest { BucketName = bucket, Key = key },
        "AbortMultipartUpload" => new AbortMultipartUploadRequest { BucketName = bucket, Key = key },
        "ListVersions" => new ListVersionsRequest { BucketName = bucket, Prefix = key },
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not an operation of these tests"),
    };
}
