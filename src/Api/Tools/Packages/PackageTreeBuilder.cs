using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>Lays a manifest out as a tree view under one folder: every file below it, or one level of it.</summary>
public static class PackageTreeBuilder
{
    public static (IReadOnlyList<PackageTreeNode> Nodes, int Files, bool Truncated) Build(
        PackageManifest manifest, string folder, bool recursive, int limit)
    {
        var prefix = folder.Length == 0 ? "" : folder + "/";
        var below = manifest.Entries.Where(entry => entry.LogicalKey.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        IEnumerable<PackageTreeNode> nodes;
        if (recursive)
        {
            nodes = below.Select(File);
        }
        else
        {
            // One level: files directly in the folder, and each sub-folder once with the size of all it holds.
            nodes = below
                .GroupBy(entry => Child(entry.LogicalKey, prefix), StringComparer.Ordinal)
                .Select(group => group.Key.EndsWith('/')
                    ? new PackageTreeNode { LogicalKey = group.Key, Type = PackageTreeNode.Folder, Size = group.Sum(entry => entry.Size) }
                    : File(group.Single()))
                .OrderBy(node => node.LogicalKey.TrimEnd('/'), LogicalKey.WalkOrder);
        }

        var all = nodes.Take(limit + 1).ToList();
        var truncated = all.Count > limit;
        return (truncated ? all[..limit] : all, below.Length, truncated);
    }

    private static string Child(string key, string prefix)
    {
        var slash = key.IndexOf('/', prefix.Length);
        return slash < 0 ? key : key[..(slash + 1)];
    }

    private static PackageTreeNode File(ManifestEntry entry) => new()
    {
        LogicalKey = entry.LogicalKey,
        Type = PackageTreeNode.File,
        Size = entry.Size,
        PhysicalKey = entry.PhysicalKey,
        Hash = entry.Hash,
        Meta = entry.Meta,
    };
}
