using ModelContextProtocol;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

/// <summary>
/// Where quilt3's <c>push</c> puts an entry's data in the registry bucket: <c>&lt;package name&gt;/&lt;logical key&gt;</c>.
/// Both parts are valid on their own; together they must still be a key S3 takes (1,024 bytes at most).
/// </summary>
public static class PackageCopyDestination
{
    public static string Key(string package, string logicalKey) => package + "/" + logicalKey;

    /// <summary>The destination key, or a tool error naming the entry when S3 would not take it.</summary>
    public static string Ensure(string package, string logicalKey)
    {
        var key = Key(package, logicalKey);
        return S3Names.KeyProblem(key) is { } problem
            ? throw new McpException($"The copy of '{S3Names.Shorten(logicalKey)}' would be stored at '{S3Names.Shorten(key)}', which {problem}; shorten the logical key or copy: false.")
            : key;
    }
}
