using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Kit;

/// <summary>
/// The versioning layer the kit adds to s3rver (s3rver-versioning.mjs), driven by the real AWS SDK as S3 would be: the
/// version tests of the tools rely on it answering as S3 does, and on unversioned buckets staying s3rver's own.
/// </summary>
[Collection(DataServerCollection.Name)]
public sealed class S3rverVersioningTests(DataServer data)
{
    private IAmazonS3 S3 => data.S3.Client;

    [Fact]
    public async Task Versioning_is_off_until_put_and_then_reported_enabled()
    {
        const string bucket = "kit-versioning-config";
        await data.S3.CreateBucketAsync(bucket);

        var before = await S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket });
        await S3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
        var after = await S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket });

        Assert.Equal(VersionStatus.Off, before.VersioningConfig.Status);
        Assert.Equal(VersionStatus.Enabled, after.VersioningConfig.Status);
        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() => S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = "kit-no-such-bucket" }));
        Assert.Equal("NoSuchBucket", missing.ErrorCode);
    }

    [Fact]
    public async Task Each_write_is_a_version_that_reads_back_by_id_and_a_plain_read_gets_the_newest()
    {
        const string bucket = "kit-versions-read";
        await data.S3.CreateVersionedBucketAsync(bucket);

        var first = await data.S3.PutVersionAsync(bucket, "dir/a b.txt", "first");
        var second = await data.S3.PutVersionAsync(bucket, "dir/a b.txt", "second, longer");

        Assert.Matches("^[A-Za-z0-9_-]{32}$", first);
        Assert.Matches("^[A-Za-z0-9_-]{32}$", second);
        Assert.NotEqual(first, second);
        Assert.Equal(("first", first), await ReadAsync(bucket, "dir/a b.txt", first));
        Assert.Equal(("second, longer", second), await ReadAsync(bucket, "dir/a b.txt", null));
        var head = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "dir/a b.txt", VersionId = first });
        Assert.Equal(5, head.ContentLength);
        Assert.Equal(first, head.VersionId);
        Assert.Equal("text/plain", head.Headers.ContentType);
    }

    [Fact]
    public async Task An_unknown_version_is_NoSuchVersion_and_a_malformed_one_InvalidArgument()
    {
        const string bucket = "kit-versions-missing";
        await data.S3.CreateVersionedBucketAsync(bucket);
        await data.S3.PutVersionAsync(bucket, "k.txt", "x");

        var unknown = await Assert.ThrowsAsync<AmazonS3Exception>(() => ReadAsync(bucket, "k.txt", new string('A', 32)));
        var malformed = await Assert.ThrowsAsync<AmazonS3Exception>(() => ReadAsync(bucket, "k.txt", "not-one-of-ours"));
        var headUnknown = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k.txt", VersionId = new string('A', 32) }));

        Assert.Equal(("NoSuchVersion", HttpStatusCode.NotFound), (unknown.ErrorCode, unknown.StatusCode));
        Assert.Equal(("InvalidArgument", HttpStatusCode.BadRequest), (malformed.ErrorCode, malformed.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, headUnknown.StatusCode);
    }

    [Fact]
    public async Task What_a_key_held_before_versioning_stays_readable_as_the_null_version()
    {
        const string bucket = "kit-versions-null";
        await data.S3.CreateBucketAsync(bucket);
        Assert.Null(await data.S3.PutVersionAsync(bucket, "k.txt", "before"));
        Assert.Null(await data.S3.PutVersionAsync(bucket, "untouched.txt", "untouched"));
        await S3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });

        var after = await data.S3.PutVersionAsync(bucket, "k.txt", "after");

        Assert.Equal(("before", "null"), await ReadAsync(bucket, "k.txt", "null"));
        Assert.Equal(("after", after), await ReadAsync(bucket, "k.txt", null));
        Assert.Equal(("untouched", "null"), await ReadAsync(bucket, "untouched.txt", "null"));
        Assert.Equal(("untouched", "null"), await ReadAsync(bucket, "untouched.txt", null));
    }

    [Fact]
    public async Task Versions_are_listed_newest_first_with_delete_markers_one_page_at_a_time()
    {
        const string bucket = "kit-versions-list";
        await data.S3.CreateVersionedBucketAsync(bucket);
        var a1 = await data.S3.PutVersionAsync(bucket, "a.txt", "a1");
        var a2 = await data.S3.PutVersionAsync(bucket, "a.txt", "a2");
        var b1 = await data.S3.PutVersionAsync(bucket, "b.txt", "b1");
        var deleted = await S3.DeleteObjectAsync(bucket, "b.txt");
        await data.S3.PutVersionAsync(bucket, "sub/c.txt", "c1");

        var first = await S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, MaxKeys = 3, Delimiter = "/" });
        var second = await S3.ListVersionsAsync(new ListVersionsRequest
        {
            BucketName = bucket, MaxKeys = 3, Delimiter = "/", KeyMarker = first.NextKeyMarker, VersionIdMarker = first.NextVersionIdMarker,
        });

        Assert.True(first.IsTruncated);
        Assert.Equal([("a.txt", a2, true, false), ("a.txt", a1, false, false), ("b.txt", deleted.VersionId, true, true)], Rows(first));
        Assert.Equal("true", deleted.DeleteMarker);
        Assert.False(second.IsTruncated);
        Assert.Equal([("b.txt", b1, false, false)], Rows(second));
        Assert.Equal(["sub/"], second.CommonPrefixes);
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => ReadAsync(bucket, "b.txt", null));
        Assert.Equal("NoSuchKey", gone.ErrorCode);
        Assert.Equal(("b1", b1), await ReadAsync(bucket, "b.txt", b1));
    }

    [Fact]
    public async Task A_copy_of_an_older_version_copies_that_version()
    {
        const string bucket = "kit-versions-copy";
        await data.S3.CreateVersionedBucketAsync(bucket);
        var old = await data.S3.PutVersionAsync(bucket, "src.txt", "old bytes");
        await data.S3.PutVersionAsync(bucket, "src.txt", "new bytes");

        var copy = await S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src.txt", SourceVersionId = old, DestinationBucket = bucket, DestinationKey = "dst.txt",
        });

        Assert.Equal(old, copy.SourceVersionId);
        Assert.Equal(("old bytes", copy.VersionId), await ReadAsync(bucket, "dst.txt", null));
    }

    [Fact]
    public async Task A_completed_multipart_upload_is_a_version()
    {
        const string bucket = "kit-versions-multipart";
        await data.S3.CreateVersionedBucketAsync(bucket);
        var before = await data.S3.PutVersionAsync(bucket, "big.bin", "single part");
        var upload = await S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "big.bin", ContentType = "text/plain" });
        var etags = new List<PartETag>();
        foreach (var (number, text) in new[] { (1, "part one, "), (2, "part two") })
        {
            var part = await S3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "big.bin", UploadId = upload.UploadId, PartNumber = number,
                InputStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), UseChunkEncoding = false,
            });
            etags.Add(new PartETag(number, part.ETag));
        }

        var completed = await S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "big.bin", UploadId = upload.UploadId, PartETags = etags,
        });

        Assert.Matches("^[A-Za-z0-9_-]{32}$", completed.VersionId);
        Assert.Equal(("part one, part two", completed.VersionId), await ReadAsync(bucket, "big.bin", completed.VersionId));
        Assert.Equal(("single part", before), await ReadAsync(bucket, "big.bin", before));
    }

    [Fact]
    public async Task A_suspended_bucket_writes_the_null_version_and_keeps_the_others()
    {
        const string bucket = "kit-versions-suspended";
        await data.S3.CreateVersionedBucketAsync(bucket);
        var kept = await data.S3.PutVersionAsync(bucket, "k.txt", "versioned");
        await S3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended },
        });

        var first = await data.S3.PutVersionAsync(bucket, "k.txt", "null one");
        var second = await data.S3.PutVersionAsync(bucket, "k.txt", "null two");

        Assert.Equal(("null", "null"), (first, second));
        Assert.Equal(("null two", "null"), await ReadAsync(bucket, "k.txt", "null"));
        Assert.Equal(("versioned", kept), await ReadAsync(bucket, "k.txt", kept));
        var listed = await S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
        Assert.Equal([("k.txt", "null", true, false), ("k.txt", kept, false, false)], Rows(listed));
    }

    [Fact]
    public async Task An_unversioned_bucket_stays_s3rver_s_own_and_lists_its_objects_as_null_versions()
    {
        const string bucket = "kit-unversioned";
        await data.S3.CreateBucketAsync(bucket);

        var written = await data.S3.PutVersionAsync(bucket, "k.txt", "only");

        Assert.Null(written);
        // s3rver ignores a versionId on an unversioned bucket (S3 would refuse it); tests that predate versioning rely on that.
        Assert.Equal(("only", (string?)null), await ReadAsync(bucket, "k.txt", "anything"));
        var listed = await S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
        Assert.Equal([("k.txt", "null", true, false)], Rows(listed));
    }

    private async Task<(string Text, string? VersionId)> ReadAsync(string bucket, string key, string? versionId)
    {
        using var response = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, VersionId = versionId });
        using var reader = new StreamReader(response.ResponseStream);
        return (await reader.ReadToEndAsync(), response.VersionId);
    }

    private static (string Key, string? VersionId, bool Latest, bool DeleteMarker)[] Rows(ListVersionsResponse response) =>
        (response.Versions ?? []).Select(version => (version.Key, (string?)version.VersionId, version.IsLatest ?? false, version.IsDeleteMarker ?? false)).ToArray();
}
