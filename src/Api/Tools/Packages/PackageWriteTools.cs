using System.ComponentModel;
using Amazon.S3;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.Api.Tools.Packages.Copying;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>
/// Creating, revising and deleting Quilt packages. Entries reference their data where it is (as quilt3's
/// <c>build</c> does), or, with <c>copy: true</c>, point at copies made in the registry bucket (as quilt3's
/// <c>push</c> does; <see cref="PackageDataCopier"/>). All input is checked before the first S3 request.
/// </summary>
/// <remarks>
/// Create and update are marked destructive: with <c>copy: true</c> they overwrite the objects under
/// <c>&lt;package&gt;/</c> in the registry bucket, which in an unversioned bucket replaces the data earlier revisions
/// point at.
/// </remarks>
[McpServerToolType]
public sealed class PackageWriteTools(S3Gateway s3, PackageRegistry registry, PackageDataCopier copier)
{
    private const string CopyDescription = "Copy every entry's object into the registry bucket under <package>/<logical key> "
        + "(server-side, as quilt3 push does) and point the manifest at the copies, hashed as sha2-256-chunked; the package "
        + "then no longer depends on the source objects. Costs one more stored copy of the data (and a read of each source "
        + "where S3 reports no checksums); the manifest is written only after every copy succeeded. Default false: reference the objects where they are.";

    public const string CreateName = "package_create";
    public const string UpdateName = "package_update";
    public const string DeleteName = "package_delete";

    [McpServerTool(Name = CreateName, UseStructuredContent = true, Title = "Create a package", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Creates a new Quilt package in a registry bucket from S3 objects and prefixes that already exist (write "
        + "them first with bucket_objects_put if needed): hashes every object, writes the manifest to "
        + ".quilt/packages/<top hash>, then the revision pointer and 'latest'. Entries reference the data where it "
        + "is, pinned to the version hashed when the bucket is versioned (an s3_uri with ?versionId= names one), or "
        + "with copy: true point at copies made in the registry bucket. Refuses a name that exists (use "
        + "package_update). Sends progress notifications while hashing or copying when the client asks for them.")]
    public async Task<PackageRevision> CreateAsync(
        Caller caller,
        [Description("The registry bucket (no s3://).")] string bucket,
        [Description("The new package's name, namespace/name.")] string package,
        [Description("What to include: [{s3_uri, logical_key, meta}]; an s3_uri ending in '/' includes every object under it.")] PackageEntryInput[] entries,
        IProgress<ProgressNotificationValue> progress,
        [Description("Package metadata (a JSON object), stored as user_meta.")] JsonElement? metadata = null,
        [Description("The commit message.")] string? message = null,
        [Description(CopyDescription)] bool copy = false,
        CancellationToken cancellationToken = default)
    {
        S3Names.EnsureBucket(bucket);
        PackageName.Ensure(package);
        PackageMetaBuilder.EnsureValid(message, metadata);
        var inputs = PackageEntryCollector.Validate(entries, allowEmpty: false);
        EnsureCopyDestinations(copy, package, inputs);
        using var client = await s3.OpenAsync(caller, CreateName, RegistryGrants(bucket).Concat(SourceGrants(inputs)), cancellationToken);

        if (await registry.LatestAsync(client, bucket, package, cancellationToken) is { } existing)
        {
            throw new McpException($"Package '{package}' already exists in s3://{bucket} (latest {existing[..12]}); use package_update.");
        }

        var sources = await PackageEntryCollector.ExpandAsync(client, inputs, cancellationToken);
        LogicalKey.EnsureNoFileFolderClash(sources.Select(source => source.LogicalKey));
        var (hashed, copied) = await EntriesAsync(client, bucket, package, sources, copy, progress, cancellationToken);
        var manifest = new PackageManifest(PackageMetaBuilder.Build(message, metadata, previous: null), Ordered(hashed), []);
        return await PublishAsync(client, bucket, package, manifest, previousTopHash: null, copied, cancellationToken);
    }

    [McpServerTool(Name = UpdateName, UseStructuredContent = true, Title = "Add a package revision", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Makes a new revision of an existing package from its latest one: adds or replaces entries from S3 objects "
        + "and prefixes, removes logical keys, and replaces the metadata when given (kept otherwise). Earlier "
        + "revisions stay browsable by top hash. For a package that does not exist yet use package_create.")]
    public async Task<PackageRevision> UpdateAsync(
        Caller caller,
        [Description("The registry bucket (no s3://).")] string bucket,
        [Description("The package name, namespace/name.")] string package,
        IProgress<ProgressNotificationValue> progress,
        [Description("Entries to add or replace: [{s3_uri, logical_key, meta}].")] PackageEntryInput[]? entries = null,
        [Description("Logical keys to remove.")] string[]? remove = null,
        [Description("New package metadata (a JSON object); the previous metadata is kept when omitted.")] JsonElement? metadata = null,
        [Description("The commit message.")] string? message = null,
        [Description(CopyDescription + " Applies to the entries given here; kept entries stay as they are.")] bool copy = false,
        CancellationToken cancellationToken = default)
    {
        S3Names.EnsureBucket(bucket);
        PackageName.Ensure(package);
        PackageMetaBuilder.EnsureValid(message, metadata);
        var inputs = PackageEntryCollector.Validate(entries, allowEmpty: true);
        EnsureCopyDestinations(copy, package, inputs);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < (remove ?? []).Length; index++)
        {
            LogicalKey.EnsureValid(remove![index], $"logical key in remove[{index}]");
            if (!removed.Add(remove[index]))
            {
                throw new McpException($"remove lists '{S3Names.Shorten(remove[index])}' twice.");
            }
        }

        if (inputs.Count == 0 && (remove ?? []).Length == 0 && metadata is not { ValueKind: JsonValueKind.Object } && message is null)
        {
            throw new McpException("Nothing to update: give entries, remove, metadata or message.");
        }

        using var client = await s3.OpenAsync(caller, UpdateName, RegistryGrants(bucket).Concat(SourceGrants(inputs)), cancellationToken);
        var previousHash = await registry.LatestAsync(client, bucket, package, cancellationToken)
            ?? throw new McpException($"Unknown package '{package}' in s3://{bucket}; use package_create.");
        var previous = await registry.ReadManifestAsync(client, bucket, previousHash, cancellationToken);
        ManifestKeyCheck.EnsureWritable(previous, $"the latest revision of '{package}' ({previousHash[..12]})");

        var merged = previous.Entries.ToDictionary(entry => entry.LogicalKey, StringComparer.Ordinal);
        foreach (var key in remove ?? [])
        {
            if (!merged.Remove(key))
            {
                throw new McpException($"Package '{package}' has no logical key '{S3Names.Shorten(key)}' to remove; nothing was changed.");
            }
        }

        var sources = await PackageEntryCollector.ExpandAsync(client, inputs, cancellationToken);
        foreach (var source in sources)
        {
            merged.Remove(source.LogicalKey);
        }

        LogicalKey.EnsureNoFileFolderClash(merged.Keys.Concat(sources.Select(source => source.LogicalKey)));
        if (merged.Count + sources.Count > S3Limits.MaxPackageEntries)
        {
            throw new McpException($"A package may have at most {S3Limits.MaxPackageEntries} entries, not {merged.Count + sources.Count}.");
        }

        var (hashed, copied) = await EntriesAsync(client, bucket, package, sources, copy, progress, cancellationToken);
        var meta = PackageMetaBuilder.Build(message, metadata, previous.Meta);
        var manifest = new PackageManifest(meta, Ordered(merged.Values.Concat(hashed)), previous.Directories);
        return await PublishAsync(client, bucket, package, manifest, previousHash, copied, cancellationToken);
    }

    [McpServerTool(Name = DeleteName, UseStructuredContent = true, Title = "Delete a package", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Deletes a package name from a registry bucket: every revision pointer and 'latest'. Manifests and data "
        + "stay in place (as with quilt3's delete_package), so a revision can still be browsed by its top hash. To "
        + "drop files from a package instead, use package_update with remove.")]
    public async Task<PackageDeletion> DeleteAsync(
        Caller caller,
        [Description("The registry bucket (no s3://).")] string bucket,
        [Description("The package name, namespace/name.")] string package,
        CancellationToken cancellationToken = default)
    {
        S3Names.EnsureBucket(bucket);
        PackageName.Ensure(package);
        using var client = await s3.OpenAsync(caller, DeleteName, [(bucket, S3Actions.ListBucket), (bucket, S3Actions.DeleteObject)], cancellationToken);
        var deleted = await registry.DeleteAsync(client, bucket, package, cancellationToken);
        return new PackageDeletion { Bucket = bucket, Package = package, PointersDeleted = deleted };
    }

    private static IEnumerable<(string, string)> RegistryGrants(string bucket) =>
        [(bucket, S3Actions.GetObject), (bucket, S3Actions.PutObject)];

    private static IEnumerable<(string, string)> SourceGrants(IEnumerable<(PackageEntryInput Input, S3Uri Location)> inputs) =>
        inputs.SelectMany(input => input.Location.IsPrefix
            ? new[] { (input.Location.Bucket, S3Actions.ListBucket), (input.Location.Bucket, S3Actions.GetObject) }
            : [(input.Location.Bucket, S3Actions.Read(input.Location))]);

    /// <summary>In copy mode, the destination key of every single object is checked before anything is spent.</summary>
    private static void EnsureCopyDestinations(bool copy, string package, IEnumerable<(PackageEntryInput Input, S3Uri Location)> inputs)
    {
        foreach (var (input, location) in copy ? inputs : [])
        {
            if (!location.IsPrefix)
            {
                PackageCopyDestination.Ensure(package, PackageEntryCollector.ObjectLogicalKey(input, location));
            }
        }
    }

    /// <summary>The new entries: the objects where they are, or their copies in the registry bucket.</summary>
    private async Task<(IReadOnlyList<ManifestEntry> Entries, CopiedPackageData? Copied)> EntriesAsync(
        IAmazonS3 client, string bucket, string package, IReadOnlyList<SourceObject> sources, bool copy,
        IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        if (!copy)
        {
            return (await PackageEntryCollector.HashAsync(client, sources, progress, cancellationToken), null);
        }

        var copied = await copier.CopyAsync(client, bucket, package, sources, progress, cancellationToken);
        return (copied.Entries, copied);
    }

    private static ManifestEntry[] Ordered(IEnumerable<ManifestEntry> entries) =>
        entries.OrderBy(entry => entry.LogicalKey, LogicalKey.WalkOrder).ToArray();

    private async Task<PackageRevision> PublishAsync(
        IAmazonS3 client, string bucket, string package, PackageManifest manifest, string? previousTopHash, CopiedPackageData? copied,
        CancellationToken cancellationToken)
    {
        var (topHash, revision) = await registry.PublishAsync(client, bucket, package, manifest, cancellationToken);
        return new PackageRevision
        {
            Bucket = bucket,
            Package = package,
            TopHash = topHash,
            Revision = revision,
            Manifest = new S3Uri(bucket, PackageRegistry.ManifestKey(topHash)).ToString(),
            Entries = manifest.Entries.Count,
            TotalSize = manifest.Entries.Sum(entry => entry.Size),
            PreviousTopHash = previousTopHash,
            Uri = QuiltUris.PackageUri(bucket, package, topHash, null, null),
            CopiedObjects = copied?.CopiedObjects,
            CopiedBytes = copied?.CopiedBytes,
        };
    }
}
