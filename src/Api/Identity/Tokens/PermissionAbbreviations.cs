using System.Collections.Frozen;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>The short permission names the catalog uses in the compressed <c>p</c> claim.</summary>
internal static class PermissionAbbreviations
{
    public static readonly FrozenDictionary<string, string> Map = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["g"] = "s3:GetObject",
        ["p"] = "s3:PutObject",
        ["d"] = "s3:DeleteObject",
        ["l"] = "s3:ListBucket",
        ["la"] = "s3:ListAllMyBuckets",
        ["gv"] = "s3:GetObjectVersion",
        ["pa"] = "s3:PutObjectAcl",
        ["amu"] = "s3:AbortMultipartUpload",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Known abbreviations expand; anything else passes through unchanged, because the catalog mixes full action
    /// names (e.g. <c>s3:GetBucketLocation</c>) into the compressed list.
    /// </summary>
    public static string Expand(string permission) => Map.GetValueOrDefault(permission, permission);
}
