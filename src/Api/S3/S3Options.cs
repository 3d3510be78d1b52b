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

    /// <summary>
    /// Attempts per S3 request, the first included, in the SDK's standard retry mode: 500, 502, 503, 504, throttling
    /// (SlowDown) and connection failures are tried again after a jittered, growing pause; refusals (403, 404) are not.
    /// Set explicitly so the bound is ours, not whatever the SDK or <c>AWS_MAX_ATTEMPTS</c> says.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The longest one attempt may wait for S3's answer to start, connecting and sending the request body included (the
    /// SDK's <c>Timeout</c>, whose default is no limit); an attempt that times out is tried again. Also the longest a
    /// response body may go without sending anything.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest one S3 request may take until its answer starts, every attempt and pause included: an S3 that hangs
    /// cannot hold a tool call longer than this (a client's cancellation ends it sooner).
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
