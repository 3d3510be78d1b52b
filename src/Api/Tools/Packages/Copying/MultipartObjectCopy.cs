using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

/// <summary>
/// One object copied server-side in parts (UploadPartCopy), as quilt3 copies objects from its multipart threshold on:
/// parts of quilt3's chunk size, so that the parts are the chunks of <c>sha2-256-chunked</c>, and S3 is asked for each
/// part's SHA-256, from which the hash follows without reading the data. An upload that does not
/// complete (a failed part, a cancelled call) is aborted, so no half-copied upload is left behind to be billed.
/// </summary>
public sealed class MultipartObjectCopy(IAmazonS3 client, ILogger logger)
{
    /// <summary>
    /// Copies <paramref name="source"/>, pinned to <paramref name="etag"/>, to <paramref name="key"/> in
    /// <paramref name="bucket"/>, calling <paramref name="partCopied"/> with each part's size once it is copied. Returns
    /// the copy's version id, if any, and its <c>sha2-256-chunked</c> hash when S3 reported every part's SHA-256.
    /// </summary>
    public async Task<(string? VersionId, EntryHash? Hash)> CopyAsync(
        S3Uri source, string etag, long size, string bucket, string key, Action<long> partCopied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(partCopied);
        // S3 reports a missing or denied source through the copy requests, so errors name both ends.
        var target = $"{source} (copying to s3://{bucket}/{key})";
        var upload = await S3Errors.RunAsync(target, () => client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ChecksumAlgorithm = ChecksumAlgorithm.SHA256 }, cancellationToken));
        try
        {
            var chunk = ChunkedSha256.ChunkSize(size);
            var parts = new List<PartETag>();
            var digests = new List<byte[]>();
            var number = 1;
            for (var first = 0L; first < size; first += chunk, number++)
            {
                var last = Math.Min(first + chunk, size) - 1;
                var part = await S3Errors.RunAsync(target, () => client.CopyPartAsync(new CopyPartRequest
                {
                    SourceBucket = source.Bucket,
                    SourceKey = source.Key,
                    SourceVersionId = source.VersionId,
                    ETagToMatch = [etag],
                    DestinationBucket = bucket,
                    DestinationKey = key,
                    UploadId = upload.UploadId,
                    PartNumber = number,
                    FirstByte = first,
                    LastByte = last,
                }, cancellationToken));
                // S3 wants each part's checksum back when the upload was started with one.
                parts.Add(new PartETag(number, part.ETag) { ChecksumSHA256 = string.IsNullOrEmpty(part.ChecksumSHA256) ? null : part.ChecksumSHA256 });
                if (!string.IsNullOrEmpty(part.ChecksumSHA256))
                {
                    digests.Add(Convert.FromBase64String(part.ChecksumSHA256));
                }

                partCopied(last - first + 1);
            }

            var completed = await S3Errors.RunAsync(target, () => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellationToken));
            return (completed.VersionId, digests.Count == parts.Count ? ChunkedSha256.FromPartDigests(digests) : null);
        }
        catch (Exception)
        {
            await AbortAsync(bucket, key, upload.UploadId);
            throw;
        }
    }

    /// <summary>
    /// Aborts even when the call was cancelled (the S3 call deadline still bounds it). A failed abort leaves the parts
    /// to the bucket's lifecycle rule for incomplete uploads, if any, so it is logged for operators.
    /// </summary>
    private async Task AbortAsync(string bucket, string key, string uploadId)
    {
        try
        {
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception failure) when (S3Errors.IsS3Failure(failure))
        {
            logger.AbortFailed(bucket, key, failure.GetType().Name);
        }
    }
}
