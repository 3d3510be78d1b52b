namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// The <c>S3</c> section. Left unset, the AWS SDK's standard settings apply (<c>AWS_ENDPOINT_URL_S3</c>,
/// <c>AWS_ENDPOINT_URL</c>, the region), which is how S3-compatible stores and local test servers are reached.
/// </summary>
public sealed class S3Options
{
    public const string SectionName = "S3";

    /// <summary>An explicit S3 endpoint; the SDK's <c>AWS_ENDPOINT_URL_S3</c> does the same without configuration.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// Path-style addressing (<c>http://host/bucket/key</c>), which local and most S3-compatible stores need;
    /// AWS itself uses virtual-hosted style, the SDK's default.
    /// </summary>
    public bool ForcePathStyle { get; set; }
}
