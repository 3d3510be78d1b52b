namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

/// <summary>The <c>Packages</c> section: how <c>package_create</c>/<c>package_update</c> with <c>copy: true</c> copy data.</summary>
public sealed class PackageCopyOptions
{
    public const string SectionName = "Packages";

    /// <summary>quilt3's multipart threshold: objects this large or larger are copied in parts, as quilt3 does.</summary>
    public const long DefaultMultipartCopyThreshold = 8L * 1024 * 1024;

    /// <summary>S3 copies at most 5 GiB in one CopyObject; anything larger must be copied in parts.</summary>
    public const long MaxSingleCopyBytes = 5L * 1024 * 1024 * 1024;

    /// <summary>
    /// Objects of at least this many bytes are copied with a multipart upload (UploadPartCopy, parts of quilt3's chunk
    /// size) instead of one CopyObject. At most 5 GiB, S3's limit for one CopyObject; tests lower it to exercise
    /// multipart copies with small objects.
    /// </summary>
    public long MultipartCopyThreshold { get; set; } = DefaultMultipartCopyThreshold;
}
