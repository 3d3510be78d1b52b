namespace QuiltMcp.Orleans.Api.Configuration;

/// <summary>
/// The <c>Development</c> section: shortcuts for trying the server on a laptop. Each is refused at start-up outside
/// the Development environment (<see cref="DevelopmentOptionsValidator"/>), so none can reach a deployment.
/// </summary>
public sealed class DevelopmentOptions
{
    public const string SectionName = "Development";

    /// <summary>The setting's full name, for messages.</summary>
    public const string LocalS3Setting = SectionName + ":" + nameof(LocalS3);

    /// <summary>
    /// The key pair of the local S3 server: npm s3rver knows only this one. Not a secret: it opens nothing but a
    /// store on the developer's own machine.
    /// </summary>
    public const string LocalS3AccessKey = "S3RVER";

    /// <inheritdoc cref="LocalS3AccessKey"/>
    public const string LocalS3SecretKey = "S3RVER";

    /// <summary>
    /// A local S3 endpoint such as <c>http://127.0.0.1:4568</c> (npm s3rver). When set, the data tools reach S3 there,
    /// path-style, signed with <see cref="LocalS3AccessKey"/> for every caller (HTTP and stdio): no role is selected
    /// for AWS access and STS is never called. Everything else stays: scopes, argument checks and, over HTTP, the
    /// token's bucket grants and S3 permissions.
    /// </summary>
    public string? LocalS3 { get; set; }

    /// <summary>True when <see cref="LocalS3"/> is set (validation makes sure it is then an absolute http(s) URL).</summary>
    public bool UsesLocalS3 => !string.IsNullOrWhiteSpace(LocalS3);
}
