namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// The <c>Aws</c> section. Anything left unset follows the AWS SDK's standard settings (<c>AWS_REGION</c>,
/// <c>AWS_ENDPOINT_URL_STS</c>, the default credential chain), so the ECS task role works with no configuration.
/// </summary>
public sealed class AwsOptions
{
    public const string SectionName = "Aws";

    public const int MinimumRoleDurationSeconds = 900;
    public const int MaximumRoleDurationSeconds = 43200;

    /// <summary>The region tools use and STS is called in; the SDK's standard resolution when unset.</summary>
    public string? Region { get; set; }

    /// <summary>An explicit STS endpoint; <c>AWS_ENDPOINT_URL_STS</c> does the same through the SDK.</summary>
    public string? StsServiceUrl { get; set; }

    /// <summary>
    /// Attempts per STS call, the first included, in the SDK's standard retry mode (jittered back-off): a 5xx or a
    /// throttling answer is tried again, a refusal such as AccessDenied is not. Set explicitly so the bound is ours.
    /// </summary>
    public int StsMaxAttempts { get; set; } = 3;

    /// <summary>
    /// The longest one STS attempt may take, connecting included. The SDK's default is no limit; with it, a principal's
    /// first request waits at most about <see cref="StsMaxAttempts"/> times this (plus back-off) for STS.
    /// </summary>
    public TimeSpan StsTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The lifetime asked of STS for assumed-role credentials (900–43200 seconds).</summary>
    public int RoleDurationSeconds { get; set; } = 3600;

    /// <summary>STS session tag key → token claim whose value it carries (for ABAC policies). Empty: no tags.</summary>
    public Dictionary<string, string> SessionTagClaims { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The role a desktop (stdio) server assumes when the request context names none; also read from the seed's
    /// <c>QUILT_USER_ROLE_ARN</c>. Unset: the default AWS credential chain (the local profile) is used directly.
    /// </summary>
    public string? DesktopRoleArn { get; set; }

    /// <summary>The seed-compatible environment variable for <see cref="DesktopRoleArn"/>.</summary>
    public const string DesktopRoleArnVariable = "QUILT_USER_ROLE_ARN";
}
