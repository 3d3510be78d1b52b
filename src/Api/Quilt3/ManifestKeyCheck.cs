using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// Holds a manifest to the key rules before it is written: entries carried over from an earlier revision were
/// written by someone else (quilt3, another tool) and may hold logical keys that quilt3 would install outside the
/// target folder, or physical keys that reach another bucket through a path-style endpoint.
/// </summary>
public static class ManifestKeyCheck
{
    /// <param name="manifest">The manifest to check.</param>
    /// <param name="source">What the manifest is, for the error ("the latest revision of 'a/b'").</param>
    public static void EnsureWritable(PackageManifest manifest, string source)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        foreach (var entry in manifest.Entries)
        {
            LogicalKey.EnsureValid(entry.LogicalKey, $"logical key of an entry of {source}");
            EnsurePhysicalKey(entry, source);
        }

        foreach (var folder in manifest.Directories)
        {
            if (DotSegments.Find(folder.LogicalKey) is { } segment)
            {
                throw new PackageFormatException($"The folder '{S3Names.Shorten(folder.LogicalKey)}' of {source} has {segment}; {S3Names.DotSegmentRule}. Nothing was written.");
            }
        }
    }

    private static void EnsurePhysicalKey(ManifestEntry entry, string source)
    {
        if (!entry.PhysicalKey.StartsWith("s3://", StringComparison.Ordinal))
        {
            // Not an S3 location (quilt3 also records local files): only the dot-segment rule applies.
            if (DotSegments.Find(entry.PhysicalKey) is { } segment)
            {
                throw Unusable(entry, source, $"it has {segment}; {S3Names.DotSegmentRule}");
            }

            return;
        }

        try
        {
            S3Uri.Parse(entry.PhysicalKey, argument: "physical_keys");
        }
        catch (CallerFacingException invalid)
        {
            throw Unusable(entry, source, invalid.Message.TrimEnd('.'));
        }
    }

    private static PackageFormatException Unusable(ManifestEntry entry, string source, string reason) =>
        new($"The entry '{S3Names.Shorten(entry.LogicalKey)}' of {source} has an unusable physical key ({reason}). Nothing was written.");
}
