using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// Logical keys are a package's paths. quilt3 refuses empty keys and empty, <c>.</c> or <c>..</c> segments, and
/// walks its tree one segment at a time with each directory's names sorted; that walk order is the top hash's.
/// </summary>
public static class LogicalKey
{
    /// <summary>Orders keys as quilt3's <c>Package.walk()</c> yields them.</summary>
    public static readonly IComparer<string> WalkOrder = Comparer<string>.Create(CompareWalkOrder);

    /// <summary>
    /// The S3 key rule (dot segments in any encoding are refused, since quilt3 installs a package's files at their
    /// logical keys and a catalog links to them) plus quilt3's own: no empty segment.
    /// </summary>
    public static void EnsureValid(string? key, string what = "logical key")
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new PackageFormatException($"The {what} is empty.");
        }

        if (key.Any(char.IsControl))
        {
            throw new PackageFormatException($"The {what} '{S3Names.Shorten(key)}' contains control characters.");
        }

        if (!S3Names.IsValidUnicode(key))
        {
            throw new PackageFormatException($"The {what} '{S3Names.Shorten(key)}' is not valid Unicode (it has a lone surrogate).");
        }

        if (DotSegments.Find(key) is { } segment)
        {
            throw new PackageFormatException($"The {what} '{S3Names.Shorten(key)}' has {segment}; {S3Names.DotSegmentRule}.");
        }

        if (key.Split('/').Any(part => part.Length == 0))
        {
            throw new PackageFormatException($"The {what} '{S3Names.Shorten(key)}' has an empty path segment (a leading, trailing or doubled '/'), which quilt3 does not allow.");
        }
    }

    /// <summary>A folder path for browsing: empty for the root, otherwise valid segments, with or without a trailing slash.</summary>
    public static string NormalizeFolder(string? path, string what = "path")
    {
        var trimmed = (path ?? "").Trim('/');
        if (trimmed.Length == 0)
        {
            return "";
        }

        EnsureValid(trimmed, what);
        return trimmed;
    }

    /// <summary>Refuses a package where one key is both a file and a folder of other keys, as quilt3 does.</summary>
    public static void EnsureNoFileFolderClash(IEnumerable<string> keys)
    {
        var files = new HashSet<string>(keys, StringComparer.Ordinal);
        foreach (var key in files)
        {
            for (var slash = key.IndexOf('/'); slash >= 0; slash = key.IndexOf('/', slash + 1))
            {
                if (files.Contains(key[..slash]))
                {
                    throw new PackageFormatException($"'{S3Names.Shorten(key[..slash])}' would be both a file and a folder of '{S3Names.Shorten(key)}'.");
                }
            }
        }
    }

    private static int CompareWalkOrder(string? left, string? right)
    {
        var a = (left ?? "").Split('/');
        var b = (right ?? "").Split('/');
        for (var index = 0; index < Math.Min(a.Length, b.Length); index++)
        {
            var order = CodePointComparer.Instance.Compare(a[index], b[index]);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
