using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// quilt3's storage layout in a bucket: manifests at <c>.quilt/packages/&lt;top hash&gt;</c>, and for each named
/// package pointer objects under <c>.quilt/named_packages/&lt;namespace&gt;/&lt;name&gt;/</c> holding a top hash: one
/// per revision named by its Unix time, and <c>latest</c>.
/// </summary>
public sealed partial class PackageRegistry(TimeProvider time)
{
    public const string ManifestPrefix = ".quilt/packages/";
    public const string NamedPrefix = ".quilt/named_packages/";
    public const string Latest = "latest";

    public static string ManifestKey(string topHash) => ManifestPrefix + topHash;

    public static string PointerPrefix(string package) => NamedPrefix + package + "/";

    public static bool IsTopHash(string? text) => text is not null && FullHash().IsMatch(text);

    /// <summary>The top hash a checked revision selector names (see <see cref="RevisionSelector"/>).</summary>
    public async Task<string> ResolveAsync(IAmazonS3 client, string bucket, string package, RevisionSelector selector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (selector.IsPointer)
        {
            return await ReadPointerAsync(client, bucket, package, selector.Text, cancellationToken)
                ?? throw new PackageRegistryException(selector.Text == Latest
                    ? $"Unknown package '{package}' in s3://{bucket} (no {PointerPrefix(package)}latest)."
                    : $"Package '{package}' in s3://{bucket} has no revision {selector.Text}.");
        }

        if (selector.IsTopHash)
        {
            return selector.Text;
        }

        var listing = await S3Errors.RunAsync($"s3://{bucket}/{ManifestPrefix}", () => client.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = bucket, Prefix = ManifestPrefix + selector.Text, MaxKeys = 2 }, cancellationToken));
        var matches = (listing.S3Objects ?? []).Select(item => item.Key[ManifestPrefix.Length..]).Where(IsTopHash).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new PackageRegistryException($"No package revision in s3://{bucket} has a top hash starting with {selector.Text}."),
            _ => throw new PackageRegistryException($"The hash prefix {selector.Text} is ambiguous in s3://{bucket}; give more digits."),
        };
    }

    public async Task<PackageManifest> ReadManifestAsync(IAmazonS3 client, string bucket, string topHash, CancellationToken cancellationToken)
    {
        var target = $"s3://{bucket}/{ManifestKey(topHash)}";
        GetObjectResponse response;
        try
        {
            response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = ManifestKey(topHash) }, cancellationToken);
        }
        catch (Exception failure) when (S3Errors.IsNotFound(failure))
        {
            throw new PackageRegistryException($"Unknown package revision {topHash} in s3://{bucket} (no manifest at {ManifestKey(topHash)}).");
        }
        catch (Exception failure) when (S3Errors.IsS3Failure(failure))
        {
            throw S3Errors.Translate(failure, target);
        }

        using (response)
        {
            if (response.ContentLength > S3Limits.MaxManifestBytes)
            {
                throw new PackageRegistryException($"The manifest {target} is {response.ContentLength} bytes; this server reads at most {S3Limits.MaxManifestBytes}.");
            }

            await using var limited = new LimitedStream(response.ResponseStream, S3Limits.MaxManifestBytes, $"The manifest {target}");
            return await S3Errors.RunAsync(target, () => ManifestCodec.ReadAsync(limited, target, cancellationToken));
        }
    }

    /// <summary>The most later seconds tried for a revision's name when the current second already names another one.</summary>
    public const int MaxRevisionNameTries = 60;

    /// <summary>
    /// Writes a revision in quilt3's order: the manifest first, then the timestamped pointer, then <c>latest</c>, so
    /// a pointer never names a manifest that is not there yet. A manifest that breaks the key rules is never written.
    /// A revision is named by its Unix second; when that second already names another revision (two revisions within
    /// one second), the next free second names it, so no revision loses its name.
    /// </summary>
    public async Task<(string TopHash, string Revision)> PublishAsync(
        IAmazonS3 client, string bucket, string package, PackageManifest manifest, CancellationToken cancellationToken)
    {
        ManifestKeyCheck.EnsureWritable(manifest, $"the new revision of '{package}'");
        var topHash = manifest.TopHash;
        var revision = await FreeRevisionNameAsync(client, bucket, package, topHash, cancellationToken);
        var pointer = Encoding.UTF8.GetBytes(topHash);
        await PutAsync(client, bucket, ManifestKey(topHash), ManifestCodec.Write(manifest), "application/jsonl", cancellationToken);
        await PutAsync(client, bucket, PointerPrefix(package) + revision, pointer, "text/plain", cancellationToken);
        await PutAsync(client, bucket, PointerPrefix(package) + Latest, pointer, "text/plain", cancellationToken);
        return (topHash, revision);
    }

    /// <summary>Named packages under a name prefix with their latest top hash, at most <paramref name="limit"/>.</summary>
    /// <remarks>
    /// One flat listing, picking the <c>latest</c> pointers, rather than delimiter listings per namespace: it needs no
    /// server-side folder grouping two levels deep, which some S3-compatible stores get wrong, and stops as soon as
    /// enough packages were seen.
    /// </remarks>
    public async Task<(IReadOnlyList<PackagePointer> Packages, bool Truncated)> ListAsync(
        IAmazonS3 client, string bucket, string prefix, int limit, CancellationToken cancellationToken)
    {
        var packages = new List<PackagePointer>();
        await foreach (var item in S3Listing.ObjectsAsync(client, bucket, NamedPrefix + prefix, cancellationToken))
        {
            if (!item.Key.EndsWith("/" + Latest, StringComparison.Ordinal))
            {
                continue;
            }

            var name = item.Key[NamedPrefix.Length..^(Latest.Length + 1)];
            if (!PackageName.IsValid(name))
            {
                continue;
            }

            if (packages.Count == limit)
            {
                return (packages, true);
            }

            if (await ReadPointerObjectAsync(client, bucket, name, Latest, cancellationToken) is { } pointer)
            {
                packages.Add(pointer);
            }
        }

        return (packages, false);
    }

    /// <summary>Removes every pointer of a package (its name); manifests stay, as with quilt3's delete_package.</summary>
    public async Task<int> DeleteAsync(IAmazonS3 client, string bucket, string package, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var item in S3Listing.ObjectsAsync(client, bucket, PointerPrefix(package), cancellationToken))
        {
            // Listed keys come from the bucket: a stored 'a/b/../../../x' must not become a delete elsewhere.
            if (S3Names.KeyProblem(item.Key) is { } problem)
            {
                throw new PackageRegistryException($"The pointer key '{S3Names.Shorten(item.Key)}' in s3://{bucket} {problem}; nothing was deleted.");
            }

            keys.Add(item.Key);
        }

        if (!keys.Contains(PointerPrefix(package) + Latest, StringComparer.Ordinal))
        {
            throw new PackageRegistryException($"Unknown package '{package}' in s3://{bucket} (no {PointerPrefix(package)}latest); nothing was deleted.");
        }

        // latest goes last: until then the package still resolves, never to a deleted revision.
        foreach (var key in keys.OrderBy(key => key.EndsWith("/" + Latest, StringComparison.Ordinal)))
        {
            await S3Errors.RunAsync($"s3://{bucket}/{key}", () => client.DeleteObjectAsync(
                new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken));
        }

        return keys.Count;
    }

    private async Task<string> FreeRevisionNameAsync(IAmazonS3 client, string bucket, string package, string topHash, CancellationToken cancellationToken)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        for (var attempt = 0; attempt < MaxRevisionNameTries; attempt++, second++)
        {
            var name = second.ToString(CultureInfo.InvariantCulture);
            var existing = await ReadPointerAsync(client, bucket, package, name, cancellationToken);
            if (existing is null || existing == topHash)
            {
                return name;
            }
        }

        throw new PackageRegistryException(
            $"'{package}' in s3://{bucket} already has a revision for each of the next {MaxRevisionNameTries} seconds; try again in a minute.");
    }

    /// <summary>The package's latest top hash, or null when it has no <c>latest</c> pointer.</summary>
    public async Task<string?> LatestAsync(IAmazonS3 client, string bucket, string package, CancellationToken cancellationToken) =>
        await ReadPointerAsync(client, bucket, package, Latest, cancellationToken);

    private async Task<string?> ReadPointerAsync(IAmazonS3 client, string bucket, string package, string pointer, CancellationToken cancellationToken) =>
        (await ReadPointerObjectAsync(client, bucket, package, pointer, cancellationToken))?.TopHash;

    private static async Task<PackagePointer?> ReadPointerObjectAsync(IAmazonS3 client, string bucket, string package, string pointer, CancellationToken cancellationToken)
    {
        var key = PointerPrefix(package) + pointer;
        try
        {
            using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
            var (data, _) = await BoundedRead.ReadAsync(response.ResponseStream, 256, cancellationToken);
            var topHash = Encoding.UTF8.GetString(data).Trim();
            return IsTopHash(topHash)
                ? new PackagePointer(package, topHash, response.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : null)
                : throw new PackageRegistryException($"The pointer s3://{bucket}/{key} does not hold a top hash.");
        }
        catch (Exception failure) when (S3Errors.IsNotFound(failure))
        {
            return null;
        }
        catch (Exception failure) when (S3Errors.IsS3Failure(failure))
        {
            throw S3Errors.Translate(failure, $"s3://{bucket}/{key}");
        }
    }

    private static Task PutAsync(IAmazonS3 client, string bucket, string key, byte[] body, string contentType, CancellationToken cancellationToken) =>
        S3Errors.RunAsync($"s3://{bucket}/{key}", () => S3ObjectWriter.PutAsync(client, bucket, key, body, contentType, null, cancellationToken));

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FullHash();
}
