using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// Builds the one STS client of the process. It signs with the task's own credentials (the default chain), bounds its
/// attempts and their time (<c>Aws:StsMaxAttempts</c>, <c>Aws:StsTimeout</c>) and otherwise applies only what the
/// operator configured; the rest follows the SDK's standard settings, so
/// <c>AWS_ENDPOINT_URL_STS</c> and <c>AWS_REGION</c> work unchanged (which is how tests reach a local STS).
/// </summary>
public sealed class StsClientFactory(IOptions<AwsOptions> options)
{
    private readonly Lazy<IAmazonSecurityTokenService> _client = new(() => Create(options.Value));

    public IAmazonSecurityTokenService Client => _client.Value;

    internal static IAmazonSecurityTokenService Create(AwsOptions options)
    {
        // Bounded explicitly: a principal grain's STS call is on its callers' path (see AwsOptions.StsMaxAttempts).
        var config = new AmazonSecurityTokenServiceConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.StsMaxAttempts - 1,
            Timeout = options.StsTimeout,
        };
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (!string.IsNullOrWhiteSpace(options.StsServiceUrl))
        {
            // Set after the region: the URL then is the endpoint and the region only the signing scope.
            config.ServiceURL = options.StsServiceUrl;
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                config.AuthenticationRegion = options.Region;
            }
        }

        // With no region anywhere (no AWS_REGION, no profile, as on a fresh laptop) the SDK refuses to build a client at
        // all; STS's global endpoint is us-east-1, which is also the documented default of Aws:Region.
        if (config.RegionEndpoint is null && string.IsNullOrWhiteSpace(config.ServiceURL))
        {
            config.RegionEndpoint = AwsRegionProvider.Fallback;
        }

        return new AmazonSecurityTokenServiceClient(config);
    }
}
