using Amazon;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>Where the clients the data tools get send their requests, and how they address buckets.</summary>
public sealed class S3ClientFactoryTests
{
    private static readonly AwsAccess Access = new(
        new BasicAWSCredentials("AKIAEXAMPLE", "secret"), RegionEndpoint.EUWest1, null, AwsCredentialSources.DefaultChain, null, null);

    [Fact]
    public void A_local_s3_is_the_endpoint_with_path_style_addressing_whatever_the_s3_section_says()
    {
        using var client = Factory(
            new S3Options { ServiceUrl = "https://s3.example.com", ForcePathStyle = false },
            new DevelopmentOptions { LocalS3 = "http://127.0.0.1:4568" })
            .Create(Access, S3ClientScope.ForBuckets(["demo"]));

        Assert.StartsWith("http://127.0.0.1:4568", client.Config.ServiceURL, StringComparison.Ordinal);
        Assert.True(((Amazon.S3.AmazonS3Config)client.Config).ForcePathStyle);
        Assert.Equal("eu-west-1", client.Config.AuthenticationRegion);
        Assert.True(S3ClientFactory.UsesHttp(client));
    }

    [Fact]
    public void Without_a_local_s3_the_s3_section_decides()
    {
        using var configured = Factory(new S3Options { ServiceUrl = "https://s3.example.com", ForcePathStyle = true }, new DevelopmentOptions())
            .Create(Access, S3ClientScope.ForBuckets(["demo"]));
        using var standard = Factory(new S3Options(), new DevelopmentOptions()).Create(Access, S3ClientScope.ForBuckets(["demo"]));

        Assert.StartsWith("https://s3.example.com", configured.Config.ServiceURL, StringComparison.Ordinal);
        Assert.True(((Amazon.S3.AmazonS3Config)configured.Config).ForcePathStyle);
        Assert.Null(standard.Config.ServiceURL);
        Assert.False(((Amazon.S3.AmazonS3Config)standard.Config).ForcePathStyle);
        Assert.Equal(RegionEndpoint.EUWest1, standard.Config.RegionEndpoint);
    }

    private static S3ClientFactory Factory(S3Options s3, DevelopmentOptions development) =>
        new(Options.Create(s3), Options.Create(development), NullLogger<S3ClientFactory>.Instance);
}
