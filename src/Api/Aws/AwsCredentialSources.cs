namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>The values of <see cref="AwsAccess.Source"/>.</summary>
public static class AwsCredentialSources
{
    /// <summary>A role selected for the request (header or token), assumed by the principal's grain.</summary>
    public const string RequestRole = "request-role";

    /// <summary>The desktop server's configured role (<c>QUILT_USER_ROLE_ARN</c>), assumed by the desktop grain.</summary>
    public const string DesktopRole = "desktop-role";

    /// <summary>The default AWS credential chain (local profile, environment); desktop only.</summary>
    public const string DefaultChain = "default-chain";

    /// <summary>
    /// The fixed key pair of a local S3 server (<c>Development:LocalS3</c>), for every caller; Development only, no role,
    /// no STS.
    /// </summary>
    public const string LocalDevelopment = "local-development";
}
