using System.ComponentModel;
using Amazon.S3;
using Amazon.S3.Model;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>Which buckets a caller may use, and what is in them.</summary>
[McpServerToolType]
public sealed class BucketListingTools(S3Gateway s3, ICatalogClient catalog, IOptionsMonitor<CatalogOptions> catalogOptions)
{
    public const string BucketListName = "bucket_list";
    public const string ObjectsListName = "bucket_objects_list";

    [McpServerTool(Name = BucketListName, UseStructuredContent = true, Title = "List buckets", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Lists the buckets you may use (the Quilt catalog's bucket configurations when a "
        + "catalog is configured, otherwise the buckets your token grants; entries ending in * are prefixes). A "
        + "desktop server without a catalog lists the buckets of the local AWS identity. Then look inside one with "
        + "bucket_objects_list, or at its Quilt packages with package_list. To find data by what it is about, "
        + "search_catalog is the faster start.")]
    public async Task<BucketList> ListBucketsAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(catalogOptions.CurrentValue.GraphQlUrl))
        {
            try
            {
                var configs = await catalog.GetBucketConfigsAsync(caller, cancellationToken);
                return new BucketList
                {
                    Source = "catalog",
                    Buckets = configs.Select(config => new BucketSummary { Name = config.Name, Title = config.Title, Description = config.Description }).ToArray(),
                };
            }
            catch (CatalogRequestException failure)
            {
                throw new McpException($"The Quilt catalog could not list buckets: {failure.Message}");
            }
        }

        if (caller.IsDesktop)
        {
            using var client = await s3.OpenUncheckedAsync(caller, cancellationToken);
            var response = await S3Errors.RunAsync("the bucket list", () => client.ListBucketsAsync(new ListBucketsRequest(), cancellationToken));
            return new BucketList
            {
                Source = "aws",
                Buckets = (response.Buckets ?? []).Select(bucket => new BucketSummary { Name = bucket.BucketName }).ToArray(),
            };
        }

        var grants = caller.Claims?.Buckets ?? [];
        return new BucketList
        {
            Source = "token",
            Buckets = grants.Order(StringComparer.Ordinal)
                .Select(grant => new BucketSummary { Name = grant, Pattern = grant.EndsWith('*') })
                .ToArray(),
        };
    }

    [McpServerTool(Name = ObjectsListName, UseStructuredContent = true, Title = "List objects", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Lists the raw S3 objects in a bucket under a prefix: keys, sizes, last-modified times. With delimiter "
        + "'/', lists one folder level and its sub-folders (common_prefixes). With versions=true, lists every version "
        + "of each key instead (version_id, is_latest, delete markers; a versioned bucket), whose s3_uri reads that "
        + "version. When is_truncated is true, pass next_continuation_token back as continuation_token for the next "
        + "page. For datasets published as Quilt packages use package_list and package_browse instead.")]
    public async Task<ObjectListing> ListObjectsAsync(
        Caller caller,
        [Description("The bucket name (no s3://).")] string bucket,
        [Description("Only keys starting with this prefix.")] string? prefix = null,
        [Description("Page size, 1–1000.")] int max_keys = S3Limits.DefaultKeysPerPage,
        [Description("The next_continuation_token of the previous page.")] string? continuation_token = null,
        [Description("Group keys by this delimiter, usually '/'.")] string? delimiter = null,
        [Description("List every version of each key (ListObjectVersions) instead of the current objects.")] bool versions = false,
        CancellationToken cancellationToken = default)
    {
        S3Names.EnsureBucket(bucket);
        S3Names.EnsureValidPrefix(prefix);
        if (max_keys is < 1 or > S3Limits.MaxKeysPerPage)
        {
            throw new McpException($"max_keys must be between 1 and {S3Limits.MaxKeysPerPage}, not {max_keys}.");
        }

        var markers = versions && continuation_token is { } versionToken ? VersionListingToken.Decode(versionToken) : default;
        if (!versions && continuation_token is { } token && (token.Length is 0 or > 4096 || token.Any(char.IsControl)))
        {
            throw new McpException("continuation_token is not a token returned by bucket_objects_list.");
        }

        if (!versions && continuation_token is { } versionsToken && VersionListingToken.IsOne(versionsToken))
        {
            throw new McpException("continuation_token comes from a listing with versions=true; pass versions=true with it.");
        }

        if (delimiter is { } separator && (separator.Length is 0 or > 16 || separator.Any(char.IsControl)))
        {
            throw new McpException("delimiter must be 1–16 printable characters.");
        }

        if (versions)
        {
            using var versionClient = await s3.OpenAsync(caller, ObjectsListName, bucket, S3Actions.ListBucketVersions, cancellationToken);
            return await ListVersionsAsync(versionClient, new ListVersionsRequest
            {
                BucketName = bucket,
                Prefix = prefix,
                MaxKeys = max_keys,
                KeyMarker = markers.KeyMarker,
                VersionIdMarker = markers.VersionIdMarker,
                Delimiter = delimiter,
            }, cancellationToken);
        }

        using var client = await s3.OpenAsync(caller, ObjectsListName, bucket, S3Actions.ListBucket, cancellationToken);
        var response = await S3Errors.RunAsync($"s3://{bucket}/{prefix}", () => client.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = bucket,
            Prefix = prefix,
            MaxKeys = max_keys,
            ContinuationToken = continuation_token,
            Delimiter = delimiter,
        }, cancellationToken));

        return new ObjectListing
        {
            Bucket = bucket,
            Prefix = prefix ?? "",
            Objects = (response.S3Objects ?? []).Select(item => new ObjectSummary
            {
                Key = item.Key,
                S3Uri = new S3Uri(bucket, item.Key).ToString(),
                Size = item.Size ?? 0,
                LastModified = item.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : null,
                ETag = item.ETag,
            }).ToArray(),
            CommonPrefixes = response.CommonPrefixes ?? [],
            IsTruncated = response.IsTruncated ?? false,
            NextContinuationToken = response.NextContinuationToken,
        };
    }

    private static async Task<ObjectListing> ListVersionsAsync(IAmazonS3 client, ListVersionsRequest request, CancellationToken cancellationToken)
    {
        var response = await S3Errors.RunAsync($"s3://{request.BucketName}/{request.Prefix}", () => client.ListVersionsAsync(request, cancellationToken));
        return new ObjectListing
        {
            Bucket = request.BucketName,
            Prefix = request.Prefix ?? "",
            Objects = (response.Versions ?? []).Select(Version).ToArray(),
            CommonPrefixes = response.CommonPrefixes ?? [],
            IsTruncated = response.IsTruncated ?? false,
            NextContinuationToken = response.IsTruncated == true ? VersionListingToken.Encode(response.NextKeyMarker, response.NextVersionIdMarker) : null,
        };

        ObjectSummary Version(S3ObjectVersion version)
        {
            // "null" is kept here: it is how S3 addresses the version a key had before versioning was turned on.
            var versionId = string.IsNullOrEmpty(version.VersionId) ? null : version.VersionId;
            return new ObjectSummary
            {
                Key = version.Key,
                S3Uri = new S3Uri(request.BucketName, version.Key, versionId).ToString(),
                Size = version.Size ?? 0,
                LastModified = version.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : null,
                ETag = version.ETag,
                VersionId = versionId,
                IsLatest = version.IsLatest ?? false,
                DeleteMarker = version.IsDeleteMarker == true ? true : null,
            };
        }
    }
}
