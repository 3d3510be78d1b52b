using System.Text;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// Quilt's <c>quilt+s3://bucket#package=namespace/name[@hash]&amp;path=…&amp;catalog=host</c> URIs and the catalog's
/// web routes (<c>/b/&lt;bucket&gt;/tree/…</c>, <c>/b/&lt;bucket&gt;/packages/&lt;name&gt;/tree/&lt;hash|latest&gt;/…</c>).
/// </summary>
public static class QuiltUris
{
    public static string PackageUri(string bucket, string? package, string? topHash, string? path, string? catalogHost)
    {
        var fragment = new List<string>();
        if (package is not null)
        {
            fragment.Add("package=" + package + (topHash is null ? "" : "@" + topHash));
        }

        if (!string.IsNullOrEmpty(path))
        {
            fragment.Add("path=" + S3Uri.Encode(path));
        }

        if (!string.IsNullOrEmpty(catalogHost))
        {
            fragment.Add("catalog=" + catalogHost);
        }

        var builder = new StringBuilder("quilt+s3://").Append(bucket);
        if (fragment.Count > 0)
        {
            builder.Append('#').Append(string.Join('&', fragment));
        }

        return builder.ToString();
    }

    public static string CatalogUrl(Uri catalog, string bucket, string? package, string? topHash, string? path)
    {
        var root = catalog.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var encodedPath = S3Uri.Encode(path ?? "");
        return package is null
            ? $"{root}/b/{bucket}/tree/{encodedPath}"
            : $"{root}/b/{bucket}/packages/{package}/tree/{topHash ?? PackageRegistry.Latest}/{encodedPath}";
    }
}
