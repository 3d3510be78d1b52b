using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Kit;

/// <summary>
/// The multipart requests the kit adds to s3rver (s3rver-multipart-copy.mjs), driven by the real AWS SDK through the
/// recording proxy: UploadPartCopy stores the source range as the part, CompleteMultipartUpload (s3rver's own)
/// assembles it, AbortMultipartUpload drops an upload, ListMultipartUploads shows what is left, and errors come back
/// as S3 sends them.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class S3rverMultipartCopyTests(DataServer data)
{

    [Fact]
    public async Task Parts_copied_from_ranges_of_a_source_assemble_into_the_source_and_leave_no_upload()
    {
        const string Bucket = "kit-multipart-copy";
        await data.S3.CreateBucketAsync(Bucket);
        var body = Enumerable.Range(0, 1000).Select(index => (byte)(index * 7)).ToArray();
        await data.S3.PutAsync(Bucket, "source/data.bin", body);
        using var client = ProxiedClient();

        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, Key = "copy/data.bin" });
        Assert.Contains("copy/data.bin", (await Uploads(Bucket)).Select(item => item.Key));
        var parts = new List<PartETag>();
        foreach (var (number, first, last) in new[] { (1, 0L, 399L), (2, 400L, 799L), (3, 800L, 999L) })
        {
            var part = await client.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = Bucket,
                SourceKey = "source/data.bin",
                DestinationBucket = Bucket,
                DestinationKey = "copy/data.bin",
                UploadId = upload.UploadId,
                PartNumber = number,
                FirstByte = first,
                LastByte = last,
            });
            // s3rver's ETag of a part is the MD5 of its bytes; the part must hold exactly the range.
            Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(body.AsSpan((int)first, (int)(last - first + 1))))}\"", part.ETag);
            parts.Add(new PartETag(number, part.ETag));
            Assert.Null(part.ChecksumSHA256);
        }

        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = Bucket,
            Key = "copy/data.bin",
            UploadId = upload.UploadId,
            PartETags = parts,
        });

        Assert.Equal(body, await data.S3.GetAsync(Bucket, "copy/data.bin"));
        Assert.DoesNotContain("copy/data.bin", (await Uploads(Bucket)).Select(item => item.Key));
        var copies = data.S3.RequestsFor(Bucket).Where(request => request.Method == "PUT" && request.Target.Contains("partNumber=", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, copies.Length);
    }

    [Fact]
    public async Task A_part_copied_into_an_upload_started_with_sha256_reports_the_parts_sha256()
    {
        const string Bucket = "kit-multipart-checksum";
        await data.S3.CreateBucketAsync(Bucket);
        var body = Enumerable.Range(0, 300).Select(index => (byte)(index * 13)).ToArray();
        await data.S3.PutAsync(Bucket, "source.bin", body);
        using var client = ProxiedClient();
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = Bucket,
            Key = "copy.bin",
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        });

        var part = await client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = Bucket,
            SourceKey = "source.bin",
            DestinationBucket = Bucket,
            DestinationKey = "copy.bin",
            UploadId = upload.UploadId,
            PartNumber = 1,
            FirstByte = 100,
            LastByte = 199,
        });

        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body.AsSpan(100, 100))), part.ChecksumSHA256);
        await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = "copy.bin", UploadId = upload.UploadId });
    }

    [Fact]
    public async Task An_aborted_upload_is_gone_and_a_missing_source_or_upload_is_the_error_S3_gives()
    {
        const string Bucket = "kit-multipart-abort";
        await data.S3.CreateBucketAsync(Bucket);
        await data.S3.PutTextAsync(Bucket, "abort/source.txt", "some bytes");
        using var client = ProxiedClient();
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, Key = "abort/copy.txt" });

        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = Bucket,
            SourceKey = "abort/no-such-source.txt",
            DestinationBucket = Bucket,
            DestinationKey = "abort/copy.txt",
            UploadId = upload.UploadId,
            PartNumber = 1,
        }));
        Assert.Equal(("NoSuchKey", HttpStatusCode.NotFound), (missing.ErrorCode, missing.StatusCode));

        await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = "abort/copy.txt", UploadId = upload.UploadId });
        Assert.DoesNotContain(upload.UploadId, (await Uploads(Bucket)).Select(item => item.UploadId));

        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = Bucket,
            SourceKey = "abort/source.txt",
            DestinationBucket = Bucket,
            DestinationKey = "abort/copy.txt",
            UploadId = upload.UploadId,
            PartNumber = 1,
        }));
        Assert.Equal(("NoSuchUpload", HttpStatusCode.NotFound), (gone.ErrorCode, gone.StatusCode));
        var abortAgain = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.AbortMultipartUploadAsync(
            new AbortMultipartUploadRequest { BucketName = Bucket, Key = "abort/copy.txt", UploadId = upload.UploadId }));
        Assert.Equal("NoSuchUpload", abortAgain.ErrorCode);
        Assert.False(await data.S3.ExistsAsync(Bucket, "abort/copy.txt"));
    }

    [Fact]
    public async Task A_key_s3rver_does_not_know_is_refused()
    {
        const string Bucket = "kit-multipart-keys";
        await data.S3.CreateBucketAsync(Bucket);
        using var client = ProxiedClient(new BasicAWSCredentials("AKIANOBODYKNOWS", "secret"));

        var refused = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket }));

        Assert.Equal("InvalidAccessKeyId", refused.ErrorCode);
    }

    private async Task<IReadOnlyList<MultipartUpload>> Uploads(string bucket) =>
        (await data.S3.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket })).MultipartUploads ?? [];

    private AmazonS3Client ProxiedClient(AWSCredentials? credentials = null) =>
        new(credentials ?? new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey), new AmazonS3Config
        {
            ServiceURL = data.S3.ServiceUrl,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
        });
}
