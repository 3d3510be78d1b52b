using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Search;

/// <summary>
/// Which buckets a search may cover. Searching reveals a bucket's keys and package names, what listing it reveals, so
/// each bucket needs the caller's grant and <c>s3:ListBucket</c>, as <c>bucket_objects_list</c> does. Named buckets
/// are checked one by one before anything is asked of the catalog. With none named, the search covers the caller's
/// grants: a finite list is passed to the catalog as is; a grant of every bucket (<c>*</c>) leaves the choice to the
/// catalog; prefix grants (<c>team-*</c>) are matched against the catalog's bucket list, since a prefix cannot be
/// passed on. A desktop user's catalog token decides alone. The catalog's own access control applies on top, and hits
/// from a bucket the caller may not use are dropped even if the catalog returns them.
/// </summary>
public sealed class SearchBucketScope(BucketAccessPolicy policy, ICatalogClient catalog)
{
    /// <summary>The buckets to pass as <c>buckets</c>, or null to let the catalog choose.</summary>
    /// <exception cref="AccessDeniedException">A named bucket, or the caller's grants, do not allow searching.</exception>
    public async Task<IReadOnlyList<string>?> ResolveAsync(Caller caller, IReadOnlyList<string> named, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        foreach (var bucket in named)
        {
            policy.EnsureAllowed(caller, SearchTools.Name, bucket, S3Actions.ListBucket,
                "Search only buckets that bucket_list shows you, or leave out buckets to search all of yours.");
        }

        if (named.Count > 0)
        {
            return named;
        }

        if (caller.IsDesktop)
        {
            return null;
        }

        var claims = caller.Claims;
        if (!caller.IsAuthenticated || claims is null)
        {
            throw new AccessDeniedException("Access denied: searching needs an authenticated caller.");
        }

        if (!claims.Permissions.Any(permission => permission is S3Actions.ListBucket or "s3:*" or "*"))
        {
            throw new AccessDeniedException($"Access denied: your token does not grant {S3Actions.ListBucket}, which searching a bucket needs.");
        }

        var grants = claims.Buckets;
        if (grants.Contains("*"))
        {
            return null;
        }

        var exact = grants.Where(S3Names.IsBucketName).ToHashSet(StringComparer.Ordinal);
        var prefixes = grants.Where(grant => grant.Length > 1 && grant.EndsWith('*')).Select(grant => grant[..^1]).ToArray();
        if (prefixes.Length > 0)
        {
            var configs = await catalog.GetBucketConfigsAsync(caller, cancellationToken);
            exact.UnionWith(configs.Select(config => config.Name)
                .Where(name => S3Names.IsBucketName(name) && prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))));
        }

        // Never an empty list: the catalog might read "no buckets" as "no restriction".
        return exact.Count > 0
            ? exact.Order(StringComparer.Ordinal).ToArray()
            : throw new AccessDeniedException(grants.Length == 0
                ? "Access denied: your token grants no buckets to search."
                : $"Access denied: none of the catalog's buckets matches your token's bucket grants ({string.Join(", ", grants)}).");
    }

    /// <summary>Whether a hit from <paramref name="bucket"/> may be shown to the caller.</summary>
    public bool MayShow(Caller caller, string bucket) => policy.Decide(bucket, S3Actions.ListBucket, caller).Allowed;
}
