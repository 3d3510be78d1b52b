using Amazon;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// The region tools call: <c>Aws:Region</c>, else what the SDK resolved from its standard settings for the STS
/// client (<c>AWS_REGION</c>, the profile), else us-east-1. Resolved once: the SDK's probing can be slow.
/// </summary>
public sealed class AwsRegionProvider(IOptions<AwsOptions> options, StsClientFactory clients)
{
    public static readonly RegionEndpoint Fallback = RegionEndpoint.USEast1;

    private readonly Lazy<RegionEndpoint> _region = new(() =>
        !string.IsNullOrWhiteSpace(options.Value.Region)
            ? RegionEndpoint.GetBySystemName(options.Value.Region)
            : clients.Client.Config.RegionEndpoint ?? Fallback);

    public RegionEndpoint Region => _region.Value;
}
