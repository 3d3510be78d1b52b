using QuiltMcp.Orleans.Api.Aws;
using Amazon.S3;
using Amazon.S3.Model;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.Api.Tools;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// Reads one resource the way the equivalent tools read it: the URI parsed in full, then the bucket and S3 action
/// checked against the caller's grants (<see cref="S3Gateway"/>), and only then credentials and S3 requests. Objects
/// come back whole (text as text, other bytes as a base64 blob) up to <see cref="MaxBytes"/>; larger ones are refused
/// with their size before their body is read.
/// </summary>
public sealed class ResourceReader(
    S3Gateway s3,
    PackageRegistry registry,
    ICatalogClient catalog,
    IOptionsMonitor<CatalogOptions> catalogOptions,
    LocalRoleCredentialCache localCredentials)
{
    /// <summary>The name decisions are logged under (<c>via resources/read</c>).</summary>
    public const string LogName = "resources/read";

    /// <summary>The largest object returned, as <c>bucket_object_fetch</c>'s ceiling: a base64 blob adds a third.</summary>
    public const int MaxBytes = S3Limits.MaxFetchBytes;

    /// <summary>Files listed in a package summary; package_browse pages through larger packages.</summary>
    public const int MaxSummaryFiles = 1000;

    public async Task<ReadResourceResult> ReadAsync(Caller caller, string? uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var address = ResourceAddress.Parse(uri);
        var contents = address.Kind switch
        {
            ResourceKind.AuthStatus => await ReadAuthStatusAsync(caller, cancellationToken),
            ResourceKind.S3Object => await ReadObjectAsync(caller, uri!, address.Object!, address.Object!.Key, knownSize: null, cancellationToken),
            ResourceKind.PackageSummary => await ReadSummaryAsync(caller, address.Package!, cancellationToken),
            _ => await ReadEntryAsync(caller, uri!, address.Package!, cancellationToken),
        };

        // Every resource depends on who asks (grants, role, identity): no shared cache may hand it to someone else.
        return new ReadResourceResult { Contents = [contents], CacheScope = CacheScope.Private };
    }

    private async Task<ResourceContents> ReadAuthStatusAsync(Caller caller, CancellationToken cancellationToken)
    {
        var status = await AuthTools.GetAuthStatusAsync(caller, catalog, catalogOptions, localCredentials, include_catalog: false, cancellationToken);
        return new TextResourceContents
        {
            Uri = ResourceAddress.AuthStatusUri,
            MimeType = "application/json",
            Text = JsonSerializer.Serialize(status, ToolResultJson.Options),
        };
    }

    private async Task<ResourceContents> ReadSummaryAsync(Caller caller, QuiltPackageUri package, CancellationToken cancellationToken)
    {
        var (topHash, manifest) = await ReadManifestAsync(caller, package, cancellationToken);
        var pinned = package with { Revision = RevisionSelector.Parse(topHash) };
        var files = manifest.Entries.Take(MaxSummaryFiles)
            .Select(entry => new PackageManifestFile
            {
                LogicalKey = entry.LogicalKey,
                Size = entry.Size,
                Uri = (pinned with { Path = entry.LogicalKey }).ToString(),
            })
            .ToArray();
        var summary = new PackageManifestSummary
        {
            Uri = pinned.ToString(),
            Bucket = package.Bucket,
            Package = package.Package,
            TopHash = topHash,
            Message = manifest.Message,
            UserMeta = manifest.UserMeta is { ValueKind: JsonValueKind.Object } userMeta ? userMeta : null,
            TotalFiles = manifest.Entries.Count,
            TotalBytes = manifest.Entries.Sum(entry => entry.Size),
            Files = files,
            Truncated = manifest.Entries.Count > files.Length,
        };
        return new TextResourceContents
        {
            Uri = package.ToString(),
            MimeType = "application/json",
            Text = JsonSerializer.Serialize(summary, ToolResultJson.Options),
        };
    }

    private async Task<ResourceContents> ReadEntryAsync(Caller caller, string uri, QuiltPackageUri package, CancellationToken cancellationToken)
    {
        var (topHash, manifest) = await ReadManifestAsync(caller, package, cancellationToken);
        var entry = manifest.Entries.FirstOrDefault(candidate => string.Equals(candidate.LogicalKey, package.Path, StringComparison.Ordinal))
            ?? throw new ResourceNotFoundException($"Package '{package.Package}' ({topHash[..12]}) in s3://{package.Bucket} has no file "
                + $"'{S3Names.Shorten(package.Path)}'; its summary {package with { Path = null }} lists its files.");

        S3Uri physical;
        try
        {
            physical = S3Uri.Parse(entry.PhysicalKey, argument: "the package file's physical key");
        }
        catch (InvalidS3AddressException unusable)
        {
            // The manifest, not the caller's URI, is at fault: say so rather than blame the request.
            throw new McpException($"The file '{S3Names.Shorten(package.Path)}' of package '{package.Package}' cannot be read: {unusable.Message}");
        }

        return await ReadObjectAsync(caller, uri, physical, entry.LogicalKey, entry.Size, cancellationToken);
    }

    private async Task<(string TopHash, PackageManifest Manifest)> ReadManifestAsync(
        Caller caller, QuiltPackageUri package, CancellationToken cancellationToken)
    {
        using var client = await s3.OpenAsync(
            caller, LogName, [(package.Bucket, S3Actions.GetObject), (package.Bucket, S3Actions.ListBucket)], cancellationToken);
        var topHash = await registry.ResolveAsync(client, package.Bucket, package.Package, package.Revision, cancellationToken);
        return (topHash, await registry.ReadManifestAsync(client, package.Bucket, topHash, cancellationToken));
    }

    /// <summary>The object's bytes, refused by size before its body is read when S3 (or the manifest) says how large it is.</summary>
    private async Task<ResourceContents> ReadObjectAsync(
        Caller caller, string uri, S3Uri location, string keyForType, long? knownSize, CancellationToken cancellationToken)
    {
        var target = location.ToString();
        if (knownSize > MaxBytes)
        {
            throw TooLarge(target, knownSize.Value);
        }

        using var client = await s3.OpenAsync(caller, LogName, location.Bucket, S3Actions.Read(location), cancellationToken);
        using var response = await GetAsync(client, location, target, cancellationToken);
        if (response.ContentLength > MaxBytes)
        {
            throw TooLarge(target, response.ContentLength);
        }

        // The limit also holds on the stream itself, for a response that did not say its length.
        var (data, truncated) = await S3Errors.RunAsync(target, () => BoundedRead.ReadAsync(response.ResponseStream, MaxBytes, cancellationToken));
        if (truncated)
        {
            throw TooLarge(target, null);
        }

        return ObjectResourceContents.For(uri, keyForType, data, response.Headers.ContentType);
    }

    private static async Task<GetObjectResponse> GetAsync(IAmazonS3 client, S3Uri location, string target, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = location.Bucket,
                Key = location.Key,
                VersionId = location.VersionId,
            }, cancellationToken);
        }
        catch (Exception failure) when (S3Errors.IsNotFound(failure))
        {
            throw new ResourceNotFoundException(S3Errors.Translate(failure, target).Message);
        }
        catch (Exception failure) when (S3Errors.IsS3Failure(failure))
        {
            throw S3Errors.Translate(failure, target);
        }
    }

    private static ResourceTooLargeException TooLarge(string target, long? size) =>
        new($"{target} is {(size is { } bytes ? $"{bytes} bytes" : $"larger than {MaxBytes} bytes")}; a resource read returns at most "
            + $"{MaxBytes} bytes (8 MiB). Read part of a text with bucket_object_text, or get a download link with bucket_object_link.");
}
