using Amazon.S3;
using Amazon.S3.Model;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

/// <summary>
/// Copy mode of <c>package_create</c>/<c>package_update</c>, as quilt3's <c>push</c>: each source object is copied
/// server-side into the registry bucket under <c>&lt;package&gt;/&lt;logical key&gt;</c> (one CopyObject, or a
/// multipart copy from <see cref="PackageCopyOptions.MultipartCopyThreshold"/> on) and hashed with
/// <c>sha2-256-chunked</c>: from the SHA-256 checksums S3 computes while copying when it reports them (as AWS S3
/// does), otherwise by streaming the source once. Each source is pinned to the ETag it had when it was looked at, so
/// what is hashed and what is copied are the same bytes (S3 refuses a copy or read of a changed object).
/// Nothing is published here: the caller writes the manifest only once every copy has succeeded.
/// </summary>
public sealed class PackageDataCopier(IOptions<PackageCopyOptions> options, ILogger<PackageDataCopier> logger)
{
    private const int ReadBufferBytes = 81920;

    public async Task<CopiedPackageData> CopyAsync(
        IAmazonS3 client,
        string registry,
        string package,
        IReadOnlyList<SourceObject> sources,
        IProgress<ProgressNotificationValue> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var destinations = sources.Select(source => PackageCopyDestination.Ensure(package, source.LogicalKey)).ToArray();
        var heads = new SourceHead[sources.Count];
        await ForEachAsync(sources.Count, async (index, token) => heads[index] = await HeadAsync(client, sources[index], token), cancellationToken);

        var meter = new CopyProgress(progress, heads.Sum(head => head.Size));
        var entries = new ManifestEntry[sources.Count];
        var copiedObjects = 0;
        var copiedBytes = 0L;
        await ForEachAsync(sources.Count, async (index, token) =>
        {
            var (entry, copied) = await CopyOneAsync(client, registry, destinations[index], sources[index], heads[index], meter, token);
            entries[index] = entry;
            if (copied)
            {
                Interlocked.Increment(ref copiedObjects);
                Interlocked.Add(ref copiedBytes, entry.Size);
            }
        }, cancellationToken);
        return new CopiedPackageData(entries, copiedObjects, copiedBytes);
    }

    /// <summary>A few objects at a time; the first failure cancels the others (aborting their multipart uploads).</summary>
    private static Task ForEachAsync(int count, Func<int, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = S3Limits.HashConcurrency, CancellationToken = cancellationToken },
            body);

    private static async Task<SourceHead> HeadAsync(IAmazonS3 client, SourceObject source, CancellationToken cancellationToken)
    {
        var location = source.Location;
        var head = await Named(source, () => S3Errors.RunAsync(location, () => client.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            VersionId = location.VersionId,
        }, cancellationToken)));
        return new SourceHead(head.ContentLength, head.ETag);
    }

    private async Task<(ManifestEntry Entry, bool Copied)> CopyOneAsync(
        IAmazonS3 client, string registry, string destination, SourceObject source, SourceHead head, CopyProgress meter, CancellationToken cancellationToken)
    {
        var location = source.Location;

        // A source already where push would put it (an earlier copy, say) stays as it is: S3 refuses to copy an object
        // onto itself unchanged.
        if (location.Bucket == registry && location.Key == destination)
        {
            var kept = await Named(source, () => HashAsync(client, location, head, cancellationToken));
            meter.Add(head.Size, $"kept {source.LogicalKey} (already in place)");
            return (new ManifestEntry(source.LogicalKey, location.ToString(), head.Size, kept, source.Meta), false);
        }

        string? versionId;
        EntryHash? hash;
        if (head.Size > 0 && head.Size >= options.Value.MultipartCopyThreshold)
        {
            var parts = ChunkedSha256.ChunkCount(head.Size, ChunkedSha256.ChunkSize(head.Size));
            var part = 0;
            (versionId, hash) = await Named(source, () => new MultipartObjectCopy(client, logger).CopyAsync(
                location, head.ETag, head.Size, registry, destination,
                bytes => meter.Add(bytes, $"copied {source.LogicalKey}, part {Interlocked.Increment(ref part)} of {parts}"),
                cancellationToken));
        }
        else
        {
            var copy = await Named(source, () => S3Errors.RunAsync($"{location} (copying to s3://{registry}/{destination})", () => client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = location.Bucket,
                SourceKey = location.Key,
                SourceVersionId = location.VersionId,
                ETagToMatch = head.ETag,
                DestinationBucket = registry,
                DestinationKey = destination,
                ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            }, cancellationToken)));
            versionId = copy.VersionId;
            // The whole object's SHA-256 gives the chunked hash only for an object of one chunk (or none).
            hash = !string.IsNullOrEmpty(copy.ChecksumSHA256) && head.Size <= ChunkedSha256.BaseChunkSize
                ? ChunkedSha256.FromSingleChunkDigest(Convert.FromBase64String(copy.ChecksumSHA256), head.Size)
                : null;
            meter.Add(head.Size, $"copied {source.LogicalKey}");
        }

        hash ??= await Named(source, () => HashAsync(client, location, head, cancellationToken));

        var copied = new S3Uri(registry, destination, S3VersionId.Reported(versionId));
        return (new ManifestEntry(source.LogicalKey, copied.ToString(), head.Size, hash, source.Meta), true);
    }

    /// <summary>Streams the source once through <see cref="ChunkedSha256"/>, for an S3 that reports no checksums.</summary>
    private static async Task<EntryHash> HashAsync(IAmazonS3 client, S3Uri location, SourceHead head, CancellationToken cancellationToken)
    {
        using var response = await S3Errors.RunAsync(location, () => client.GetObjectAsync(new GetObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            VersionId = location.VersionId,
            EtagToMatch = head.ETag,
        }, cancellationToken));
        using var hash = new ChunkedSha256(head.Size);
        var buffer = new byte[ReadBufferBytes];
        try
        {
            await S3Errors.RunAsync(location, async () =>
            {
                int read;
                while ((read = await response.ResponseStream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.Append(buffer.AsSpan(0, read));
                }

                return true;
            });
            return hash.Finish();
        }
        catch (InvalidDataException changed)
        {
            // S3 answered with other bytes than the size it announced: the object was replaced between the two requests.
            throw new S3AccessException($"{location} changed while it was read ({changed.Message}); try again.", changed);
        }
    }

    /// <summary>Runs one step of one entry, so that a failure names the entry it stopped at and says nothing was published.</summary>
    private static async Task<T> Named<T>(SourceObject source, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (CallerFacingException failure)
        {
            throw new McpException(
                $"Copying the entry '{S3Names.Shorten(source.LogicalKey)}' failed: {failure.Message} Nothing was published: no manifest or "
                + "revision was written (copies already made stay in the registry bucket and are overwritten by the next copy).",
                failure);
        }
    }

    private sealed record SourceHead(long Size, string ETag);
}
