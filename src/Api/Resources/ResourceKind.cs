namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>What a resource URI names; each kind is read, and authorized, as the tools that read the same data.</summary>
public enum ResourceKind
{
    /// <summary><c>auth://status</c>: what <c>auth_status</c> shows.</summary>
    AuthStatus,

    /// <summary><c>s3://bucket/key[?versionId=…]</c>: one object, as <c>bucket_object_fetch</c> reads it.</summary>
    S3Object,

    /// <summary><c>quilt+s3://bucket#package=name[@hash|:tag]</c>: a package revision's summary, as <c>package_browse</c> shows it.</summary>
    PackageSummary,

    /// <summary><c>quilt+s3://bucket#package=name[@hash|:tag]&amp;path=key</c>: one file of a package revision.</summary>
    PackageEntry,
}
