using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>Reading Quilt packages: which exist, what one holds, how two revisions differ.</summary>
[McpServerToolType]
public sealed class PackageReadTools(S3Gateway s3, PackageRegistry registry)
{
    public const string ListName = "package_list";
    public const string BrowseName = "package_browse";
    public const string DiffName = "package_diff";

    [McpServerTool(Name = ListName, UseStructuredContent = true, Title = "List packages", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Lists the Quilt packages (versioned datasets) in a bucket, under .quilt/named_packages/, with each one's "
        + "latest top hash and when it was last pushed. Then see a package's files with package_browse.")]
    public async Task<PackageListing> ListAsync(
        Caller caller,
        [Description("The registry bucket (no s3://).")] string bucket,
        [Description("Only package names starting with this, e.g. 'alice/' or 'alice/ra'.")] string? prefix = null,
        [Description("The most packages to return, 1–1000.")] int limit = S3Limits.DefaultPackageListLimit,
        CancellationToken cancellationToken = default)
    {
        S3Names.EnsureBucket(bucket);
        prefix ??= "";
        if (prefix.Length > 257 || prefix.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '-' or '/')) || prefix.Count(c => c == '/') > 1)
        {
            throw new McpException($"prefix '{S3Names.Shorten(prefix)}' is not the start of a package name (namespace/name).");
        }

        if (limit is < 1 or > S3Limits.MaxPackageListLimit)
        {
            throw new McpException($"limit must be between 1 and {S3Limits.MaxPackageListLimit}, not {limit}.");
        }

        using var client = await s3.OpenAsync(caller, ListName, [(bucket, S3Actions.ListBucket), (bucket, S3Actions.GetObject)], cancellationToken);
        var (packages, truncated) = await registry.ListAsync(client, bucket, prefix, limit, cancellationToken);
        return new PackageListing
        {
            Bucket = bucket,
            Packages = packages.Select(pointer => new PackageSummary { Name = pointer.Name, TopHash = pointer.TopHash, Modified = pointer.Modified }).ToArray(),
            Truncated = truncated,
        };
    }

    [McpServerTool(Name = BrowseName, UseStructuredContent = true, Title = "Browse a package", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Shows what a package revision contains: its message and metadata, and the files under a path with sizes, "
        + "hashes and physical keys (one folder level, or everything below with recursive). To read a file, pass its "
        + "physical_key as s3_uri to bucket_object_text or bucket_object_fetch: a physical key with ?versionId= reads "
        + "the version the package pinned, whatever the key holds now.")]
    public async Task<PackageTree> BrowseAsync(
        Caller caller,
        [Description("The registry bucket (no s3://).")] string bucket,
        [Description("The package name, namespace/name.")] string package,
        [Description("'latest' (default), a revision time, a top hash, or a top-hash prefix of 6+ hex digits.")] string? hash_or_tag = null,
        [Description("A folder inside the package; the root by default.")] string? path = null,
        [Description("List every file below the folder instead of one level.")] bool recursive = false,
        [Description("The most entries to return, 1–10000.")] int max_entries = S3Limits.DefaultBrowseEntries,
        CancellationToken cancellationToken = default)
    {
        S3Names.EnsureBucket(bucket);
        PackageName.Ensure(package);
        var selector = RevisionSelector.Parse(hash_or_tag);
        var folder = LogicalKey.NormalizeFolder(path);
        if (max_entries is < 1 or > S3Limits.MaxBrowseEntries)
        {
            throw new McpException($"max_entries must be between 1 and {S3Limits.MaxBrowseEntries}, not {max_entries}.");
        }

        using var client = await s3.OpenAsync(caller, BrowseName, [(bucket, S3Actions.GetObject), (bucket, S3Actions.ListBucket)], cancellationToken);
        var topHash = await registry.ResolveAsync(client, bucket, package, selector, cancellationToken);
        var manifest = await registry.ReadManifestAsync(client, bucket, topHash, cancellationToken);
        var (nodes, files, truncated) = PackageTreeBuilder.Build(manifest, folder, recursive, max_entries);
        if (folder.Length > 0 && files == 0)
        {
            throw new McpException($"Package '{package}' ({topHash[..12]}) has no folder '{folder}'.");
        }

        return new PackageTree
        {
            Bucket = bucket,
            Package = package,
            TopHash = topHash,
            Message = manifest.Message,
            // The output schema promises an object, as quilt3 writes it; another kind (a hand-made manifest) is left out.
            UserMeta = manifest.UserMeta is { ValueKind: JsonValueKind.Object } userMeta ? userMeta : null,
            Path = folder,
            Entries = nodes,
            TotalFiles = files,
            Truncated = truncated,
        };
    }

    [McpServerTool(Name = DiffName, UseStructuredContent = true, Title = "Compare two package revisions", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Compares two package revisions (two packages, or two revisions of one; revisions as listed by "
        + "package_list or a top hash): logical keys added, removed, and modified (different hash, size or "
        + "metadata).")]
    public async Task<PackageDiff> DiffAsync(
        Caller caller,
        [Description("The registry bucket (no s3://).")] string bucket,
        [Description("The first package, namespace/name.")] string package_a,
        [Description("The second package; the first one by default.")] string? package_b = null,
        [Description("The first revision: 'latest' (default), a revision time, or a top hash (prefix).")] string? hash_a = null,
        [Description("The second revision, likewise.")] string? hash_b = null,
        CancellationToken cancellationToken = default)
    {
        S3Names.EnsureBucket(bucket);
        PackageName.Ensure(package_a, "package_a");
        package_b = PackageName.Ensure(package_b ?? package_a, "package_b");
        var selectorA = RevisionSelector.Parse(hash_a, "hash_a");
        var selectorB = RevisionSelector.Parse(hash_b, "hash_b");
        using var client = await s3.OpenAsync(caller, DiffName, [(bucket, S3Actions.GetObject), (bucket, S3Actions.ListBucket)], cancellationToken);
        var topA = await registry.ResolveAsync(client, bucket, package_a, selectorA, cancellationToken);
        var topB = await registry.ResolveAsync(client, bucket, package_b, selectorB, cancellationToken);
        var a = (await registry.ReadManifestAsync(client, bucket, topA, cancellationToken)).Entries.ToDictionary(entry => entry.LogicalKey, StringComparer.Ordinal);
        var b = (await registry.ReadManifestAsync(client, bucket, topB, cancellationToken)).Entries.ToDictionary(entry => entry.LogicalKey, StringComparer.Ordinal);

        return new PackageDiff
        {
            Bucket = bucket,
            A = new PackageRevisionRef { Package = package_a, TopHash = topA },
            B = new PackageRevisionRef { Package = package_b, TopHash = topB },
            Added = b.Keys.Where(key => !a.ContainsKey(key)).Order(LogicalKey.WalkOrder).ToArray(),
            Removed = a.Keys.Where(key => !b.ContainsKey(key)).Order(LogicalKey.WalkOrder).ToArray(),
            Modified = a.Keys.Where(key => b.TryGetValue(key, out var other) && !a[key].SameAs(other)).Order(LogicalKey.WalkOrder).ToArray(),
        };
    }
}
