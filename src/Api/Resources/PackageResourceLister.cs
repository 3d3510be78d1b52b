using Amazon.S3.Model;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.Api.Tools.Packages;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// The concrete resources of <c>resources/list</c> beyond <c>auth://status</c>: the summary of each package (latest
/// revision) in each bucket the caller's token names exactly and may read packages in (the checks of package_browse).
/// Cheap by construction: package names come from the registry's <c>…/latest</c> pointer keys, so a page costs S3 list
/// requests only (at most <see cref="MaxListRequests"/>, one bucket per page), never a read per package. Wildcard grants
/// (<c>team-*</c>) name no bucket to list, and a desktop user has no grant list at all: for those, bucket_list and
/// package_list find the packages, and the templates read them.
/// </summary>
public sealed partial class PackageResourceLister(S3Gateway s3, BucketAccessPolicy buckets, ToolAccessPolicy tools, ILogger<PackageResourceLister> logger)
{
    public const string LogName = "resources/list";

    /// <summary>Packages per page.</summary>
    public const int PageSize = 100;

    /// <summary>S3 list requests one page may cost.</summary>
    public const int MaxListRequests = 3;

    /// <summary>The refusal of a cursor this server did not issue to this caller.</summary>
    public const string InvalidCursor = "The cursor of resources/list is not one this server issued to you: pass back the previous page's "
        + "nextCursor unchanged, or no cursor for the first page.";

    private const string LatestSuffix = "/" + PackageRegistry.Latest;

    public async Task<ListResourcesResult> ListAsync(Caller caller, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var listable = ListableBuckets(caller, tools, buckets);
        ResourceListCursor? position;
        if (cursor is null)
        {
            position = listable.Count > 0 ? new ResourceListCursor(listable[0], "") : null;
        }
        else
        {
            position = ResourceListCursor.TryDecode(cursor, listable) ?? throw new InvalidResourceCursorException(InvalidCursor);
        }

        var result = new ListResourcesResult { CacheScope = CacheScope.Private };
        if (position is null)
        {
            return result;
        }

        var (found, next) = await ListBucketAsync(caller, position, cancellationToken);
        result.Resources = found;
        var following = listable.SkipWhile(bucket => bucket != position.Bucket).Skip(1).FirstOrDefault();
        result.NextCursor = (next ?? (following is null ? null : new ResourceListCursor(following, "")))?.Encode();
        return result;
    }

    /// <summary>Buckets named exactly by the token in which the caller may do what package_browse does, in name order.</summary>
    public static List<string> ListableBuckets(Caller caller, ToolAccessPolicy tools, BucketAccessPolicy buckets)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(buckets);
        if (caller.IsDesktop || caller.Claims is not { } claims || !tools.Decide(PackageReadTools.BrowseName, caller).Allowed)
        {
            return [];
        }

        return claims.Buckets
            .Where(bucket => !bucket.EndsWith('*')
                && buckets.Decide(bucket, S3Actions.ListBucket, caller).Allowed
                && buckets.Decide(bucket, S3Actions.GetObject, caller).Allowed)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One page of one bucket's packages, and where the bucket continues (null when it is done).</summary>
    private async Task<(List<Resource> Found, ResourceListCursor? Next)> ListBucketAsync(
        Caller caller, ResourceListCursor position, CancellationToken cancellationToken)
    {
        var found = new List<Resource>();
        var startAfter = position.StartAfter;
        try
        {
            using var client = await s3.OpenAsync(caller, LogName, position.Bucket, S3Actions.ListBucket, cancellationToken);
            for (var request = 0; request < MaxListRequests; request++)
            {
                var page = await S3Errors.RunAsync($"s3://{position.Bucket}/{PackageRegistry.NamedPrefix}", () => client.ListObjectsV2Async(new ListObjectsV2Request
                {
                    BucketName = position.Bucket,
                    Prefix = PackageRegistry.NamedPrefix,
                    StartAfter = startAfter.Length > 0 ? startAfter : null,
                    MaxKeys = S3Limits.MaxKeysPerPage,
                }, cancellationToken));
                var items = page.S3Objects ?? [];
                for (var index = 0; index < items.Count; index++)
                {
                    startAfter = items[index].Key;
                    if (PackageOf(startAfter) is { } package)
                    {
                        found.Add(ToResource(position.Bucket, package));
                        if (found.Count == PageSize)
                        {
                            var done = index == items.Count - 1 && page.IsTruncated != true;
                            return (found, done ? null : position with { StartAfter = startAfter });
                        }
                    }
                }

                if (page.IsTruncated != true || items.Count == 0)
                {
                    return (found, null);
                }
            }

            return (found, position with { StartAfter = startAfter });
        }
        catch (S3AccessException failure)
        {
            // One granted bucket that is gone or refused by AWS must not hide the others: the page skips it, and says why in the log.
            LogBucketSkipped(logger, position.Bucket, failure.Message);
            return (found, null);
        }
    }

    private static string? PackageOf(string key)
    {
        if (!key.EndsWith(LatestSuffix, StringComparison.Ordinal) || key.Length <= PackageRegistry.NamedPrefix.Length + LatestSuffix.Length)
        {
            return null;
        }

        var name = key[PackageRegistry.NamedPrefix.Length..^LatestSuffix.Length];
        return PackageName.IsValid(name) ? name : null;
    }

    private static Resource ToResource(string bucket, string package) => new()
    {
        Uri = new QuiltPackageUri(bucket, package, RevisionSelector.Latest, null).ToString(),
        Name = $"{bucket}/{package}",
        Title = $"Package {package} in {bucket}",
        Description = "The latest revision of this Quilt package: message, metadata, size and its files' resource URIs.",
        MimeType = "application/json",
    };

    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "resources/list skipped bucket {Bucket}: {Reason}")]
    private static partial void LogBucketSkipped(ILogger logger, string bucket, string reason);
}
