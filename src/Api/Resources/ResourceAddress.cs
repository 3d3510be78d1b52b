using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// A resource URI, parsed and checked in full before anything else happens to it: the S3 URI rule of the tools
/// (<see cref="S3Uri"/>: bucket name, key rule, dot segments in every encoding, <c>?versionId=</c> only) or quilt3's
/// package URI (<see cref="QuiltPackageUri"/>), or <c>auth://status</c>. Anything else is refused with the forms this
/// server serves. The SDK's template matching only picks an entry point; this parse is what decides.
/// </summary>
public sealed record ResourceAddress(ResourceKind Kind, S3Uri? Object = null, QuiltPackageUri? Package = null)
{
    public const string AuthStatusUri = "auth://status";

    /// <summary>The longest URI looked at: keys are at most 1024 bytes, so nothing longer names a resource here.</summary>
    public const int MaxLength = QuiltPackageUri.MaxLength;

    public const string ServedForms = "This server serves s3://bucket/key (optionally ?versionId=…), "
        + "quilt+s3://bucket#package=namespace/name (optionally @top_hash or :tag, and &path=logical/key) and auth://status.";

    /// <summary>The argument name S3 URI errors use, so they read like the tools' errors.</summary>
    private const string UriArgument = "uri";

    public static ResourceAddress Parse(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            throw new InvalidResourceUriException("The resource URI is empty. " + ServedForms);
        }

        if (uri.Length > MaxLength)
        {
            throw new InvalidResourceUriException($"The resource URI '{S3Names.Shorten(uri)}' is longer than {MaxLength} characters. " + ServedForms);
        }

        if (uri == AuthStatusUri)
        {
            return new ResourceAddress(ResourceKind.AuthStatus);
        }

        if (uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            return new ResourceAddress(ResourceKind.S3Object, Object: S3Uri.Parse(uri, argument: UriArgument));
        }

        if (uri.StartsWith(QuiltPackageUri.Scheme, StringComparison.Ordinal))
        {
            var package = QuiltPackageUri.Parse(uri);
            return new ResourceAddress(package.Path is null ? ResourceKind.PackageSummary : ResourceKind.PackageEntry, Package: package);
        }

        throw new InvalidResourceUriException($"Unknown resource URI '{S3Names.Shorten(uri)}'. " + ServedForms);
    }
}
