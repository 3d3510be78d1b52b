using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>
/// Links to Quilt data: the catalog's web URL and the <c>quilt+s3://</c> URI. Both are built from their arguments
/// alone; nothing is read, so no bucket grant is needed to make one (opening it is checked where it is opened).
/// </summary>
[McpServerToolType]
public sealed class CatalogLinkTools(IOptionsMonitor<ServerOptions> server)
{
    public const string UrlName = "catalog_url";
    public const string UriName = "catalog_uri";

    [McpServerTool(Name = UrlName, UseStructuredContent = true, Title = "Catalog web link", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Builds the Quilt catalog web URL of a bucket path, or of a package (at a top hash or latest) and a path "
        + "inside it, for the user to open in a browser. Needs the server's catalog URL (QUILT_CATALOG_URL); makes "
        + "no request.")]
    public CatalogLink GetUrl(
        [Description("The bucket (no s3://).")] string bucket,
        [Description("A package name, namespace/name; omit for a bucket path.")] string? package = null,
        [Description("A path in the bucket or package.")] string? path = null,
        [Description("A top hash (64 hex digits); latest when omitted.")] string? top_hash = null)
    {
        var (checkedPath, checkedHash) = Validate(bucket, package, path, top_hash);
        var catalog = server.CurrentValue.CatalogUrl is { Length: > 0 } configured
            ? new Uri(configured)
            : throw new McpException("No Quilt catalog is configured on this server (Server:CatalogUrl / QUILT_CATALOG_URL).");
        return new CatalogLink { Bucket = bucket, Package = package, Url = QuiltUris.CatalogUrl(catalog, bucket, package, checkedHash, checkedPath) };
    }

    [McpServerTool(Name = UriName, UseStructuredContent = true, Title = "Quilt package URI", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Builds the quilt+s3:// URI of a bucket, a package (optionally pinned to a top hash) and a path, as quilt3 "
        + "and the Quilt catalog understand it: a stable reference to give the user or to put in documentation. "
        + "Makes no request.")]
    public CatalogLink GetUri(
        [Description("The bucket (no s3://).")] string bucket,
        [Description("A package name, namespace/name.")] string? package = null,
        [Description("A path in the package.")] string? path = null,
        [Description("A top hash (64 hex digits) to pin the revision.")] string? top_hash = null)
    {
        var (checkedPath, checkedHash) = Validate(bucket, package, path, top_hash);
        var host = server.CurrentValue.CatalogUrl is { Length: > 0 } configured ? new Uri(configured).Authority : null;
        return new CatalogLink { Bucket = bucket, Package = package, Uri = QuiltUris.PackageUri(bucket, package, checkedHash, checkedPath, host) };
    }

    private static (string? Path, string? TopHash) Validate(string bucket, string? package, string? path, string? topHash)
    {
        S3Names.EnsureBucket(bucket);
        if (package is not null)
        {
            PackageName.Ensure(package);
        }

        if (topHash is not null && (package is null || !PackageRegistry.IsTopHash(topHash)))
        {
            throw new McpException(package is null
                ? "top_hash needs a package."
                : $"top_hash '{S3Names.Shorten(topHash)}' is not a top hash (64 lowercase hex digits).");
        }

        if (string.IsNullOrEmpty(path))
        {
            return (null, topHash);
        }

        var trailing = path.EndsWith('/');
        LogicalKey.EnsureValid(path.TrimEnd('/'), "path");
        return (path.TrimEnd('/') + (trailing ? "/" : ""), topHash);
    }
}
