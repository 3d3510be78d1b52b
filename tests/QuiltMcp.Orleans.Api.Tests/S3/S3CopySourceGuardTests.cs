using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>
/// Copies (CopyObject, UploadPartCopy) name a second object in the <c>x-amz-copy-source</c> header, which S3 reads with
/// the caller's credentials: the guard holds that header to the call's buckets and the dot-segment rule, on the
/// request as the SDK is about to send it.
/// </summary>
public sealed class S3CopySourceGuardTests
{
    private const string Registry = "reg-bucket";
    private const string Source = "src-bucket";

    private static readonly S3AddressGuard Guard = new(S3ClientScope.ForBuckets([Registry, Source]));

    [Theory]
    [InlineData("src-bucket/dir/a.csv", "dir/a.csv", null)]
    [InlineData("/src-bucket/dir/a%20b%2Bc.csv", "dir/a b+c.csv", null)]
    [InlineData("src-bucket%2Fdir%2Fa.csv?versionId=v%2F1", "dir/a.csv", "v/1")]
    public void A_header_naming_the_source_in_a_granted_bucket_passes(string header, string key, string? version)
    {
        Guard.EnsureCopySource(header, new S3Uri(Source, key, version));
    }

    [Theory]
    [InlineData(null, "it has no x-amz-copy-source header")]
    [InlineData("other-bucket/dir/a.csv", "its source bucket 'other-bucket' is not one this tool call was authorized for")]
    [InlineData("src-bucket/dir/../../other-bucket/a.csv", "its x-amz-copy-source 'src-bucket/dir/../../other-bucket/a.csv' has a '..' path segment")]
    [InlineData("src-bucket%2F..%2Fother-bucket%2Fa.csv", "'..' path segment")]
    [InlineData("src-bucket/dir/b.csv", "its x-amz-copy-source names s3://src-bucket/dir/b.csv instead")]
    public void Any_other_header_is_refused(string? header, string reason)
    {
        var refused = Assert.Throws<S3RequestRefusedException>(() => Guard.EnsureCopySource(header, new S3Uri(Source, "dir/a.csv")));

        Assert.StartsWith("The S3 request for the copy source s3://src-bucket/dir/a.csv was refused before it was sent: ", refused.Message);
        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public async Task Copies_within_the_granted_buckets_go_out_and_a_copy_from_another_bucket_never_does()
    {
        await using var endpoint = new CapturingHttpServer(_ => CapturingHttpServer.NotFound);
        using var client = new GuardedS3Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonS3Config
        {
            ServiceURL = endpoint.Url,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
            MaxErrorRetry = 0,
        }, S3ClientScope.ForBuckets([Registry, Source]));

        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = Source,
            SourceKey = "dir/a.csv",
            DestinationBucket = Registry,
            DestinationKey = "team/pkg/a.csv",
        }));
        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = Source,
            SourceKey = "dir/a.csv",
            DestinationBucket = Registry,
            DestinationKey = "team/pkg/a.csv",
            UploadId = "upload1",
            PartNumber = 1,
            FirstByte = 0,
            LastByte = 9,
        }));
        var stolen = await Assert.ThrowsAsync<S3RequestRefusedException>(() => client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = "other-bucket",
            SourceKey = "secret",
            DestinationBucket = Registry,
            DestinationKey = "stolen",
        }));
        var stolenPart = await Assert.ThrowsAsync<S3RequestRefusedException>(() => client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = "other-bucket",
            SourceKey = "secret",
            DestinationBucket = Registry,
            DestinationKey = "stolen",
            UploadId = "upload1",
            PartNumber = 1,
        }));

        Assert.Equal(
            ["PUT /reg-bucket/team/pkg/a.csv HTTP/1.1", "PUT /reg-bucket/team/pkg/a.csv?partNumber=1&uploadId=upload1 HTTP/1.1"],
            endpoint.RequestLines);
        Assert.All(new[] { stolen, stolenPart }, refused => Assert.Equal(
            "The S3 request for the copy source s3://other-bucket/secret was refused before it was sent: its source bucket 'other-bucket' is not one this tool call was authorized for.",
            refused.Message));
    }
}
