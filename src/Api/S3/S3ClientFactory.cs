using Amazon.Runtime;
using Amazon.S3;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// Builds an S3 client for one tool call from the request's <see cref="AwsAccess"/>, confined to the buckets that
/// call was authorized for (<see cref="GuardedS3Client"/>). Clients are cheap: the SDK shares its HTTP connection
/// pool between clients with the same settings, and a client per call means no credentials ever outlive the request
/// that resolved them. Attempts and time are bounded (<see cref="S3Options"/>). A development server's local S3 (<c>Development:LocalS3</c>) replaces the <c>S3</c> section's
/// endpoint and addressing: local servers know only path-style addresses.
/// </summary>
public sealed partial class S3ClientFactory(IOptions<S3Options> options, IOptions<DevelopmentOptions> development, ILogger<S3ClientFactory> logger)
{
    public IAmazonS3 Create(AwsAccess access, S3ClientScope scope)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(scope);
        var settings = options.Value;

        // Retries and time are bounded explicitly (see S3Options): a hanging or failing S3 must not hold a tool call.
        var config = new AmazonS3Config
        {
            RegionEndpoint = access.Region,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = settings.MaxAttempts - 1,
            Timeout = settings.AttemptTimeout,

            // The SDK's retry quota is one per endpoint for the whole process: one user's throttled prefix or hanging
            // bucket would use it up and take retries away from every other user. Each call's own bounds (attempts,
            // CallTimeout) already cap what retries cost.
            ThrottleRetries = false,
        };
        var local = development.Value;
        var serviceUrl = local.UsesLocalS3 ? local.LocalS3 : settings.ServiceUrl;
        if (!string.IsNullOrWhiteSpace(serviceUrl))
        {
            // Set after the region: the URL is then the endpoint and the region only the signing scope.
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = access.Region.SystemName;
        }

        config.ForcePathStyle = local.UsesLocalS3 || settings.ForcePathStyle;
        return new GuardedS3Client(access.Credentials, config, scope, refused => LogRefused(logger, refused.Message),
            new S3TimeLimits(settings.CallTimeout, settings.AttemptTimeout));
    }

    /// <summary>True when the endpoint in use is plain HTTP, so presigned URLs must say http.</summary>
    public static bool UsesHttp(IAmazonS3 client) =>
        client.Config.ServiceURL is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    // The message names the bucket and key (caller input, never a credential) and never a URL's query.
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "S3 request refused by the address guard: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
