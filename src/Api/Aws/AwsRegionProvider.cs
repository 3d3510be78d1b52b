using Amazon;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// The region tools call: <c>Aws:Region</c>, else what the SDK resolved from its standard settings for the STS
/// client (<c>AWS_REGION</c>, the profile), else us-east-1. Resolved once: the SDK's probing can be slow. A local S3
/// (<c>Development:LocalS3</c>) has no region and no STS, so there the probing is skipped.
/// </summary>
public sealed class AwsRegionProvider(IOptions<AwsOptions> options, IOptions<DevelopmentOptions> development, StsClientFactory clients)
{
    public static readonly RegionEndpoint Fallback = RegionEndpoint.USEast1;

    private readonly Lazy<RegionEndpoint> _region = new(() =>
        !string.IsNullOrWhiteSpace(options.Value.Region) ? RegionEndpoint.GetBySystemName(options.Value.Region)
        : development.Value.UsesLocalS3 ? Fallback
        : clients.Client.Config.RegionEndpoint ?? Fallback);

    public RegionEndpoint Region => _region.Value;
}
