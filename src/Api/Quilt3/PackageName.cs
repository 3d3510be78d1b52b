using System.Text.RegularExpressions;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>Package names are <c>namespace/name</c>, each part word characters and hyphens (quilt3's rule).</summary>
public static partial class PackageName
{
    public static string Ensure(string? name, string parameter = "package")
    {
        return name is not null && Pattern().IsMatch(name)
            ? name
            : throw new PackageFormatException($"{parameter} '{S3Names.Shorten(name)}' is not a package name of the form namespace/name "
                + "(letters, digits, '_' and '-' on each side of one '/').");
    }

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex(@"^[\w-]{1,128}/[\w-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
