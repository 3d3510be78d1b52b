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

    [Fact]
    public void Attempts_and_time_are_bounded_as_the_s3_section_says_with_no_process_wide_retry_quota()
    {
        using var defaults = Factory(new S3Options(), new DevelopmentOptions()).Create(Access, S3ClientScope.ForBuckets(["demo"]));
        using var tuned = Factory(new S3Options { MaxAttempts = 5, AttemptTimeout = TimeSpan.FromSeconds(3) }, new DevelopmentOptions())
            .Create(Access, S3ClientScope.ForBuckets(["demo"]));

        // MaxErrorRetry counts the attempts after the first.
        Assert.Equal((RequestRetryMode.Standard, 2, TimeSpan.FromSeconds(10), false),
            (defaults.Config.RetryMode, defaults.Config.MaxErrorRetry, defaults.Config.Timeout, defaults.Config.ThrottleRetries));
        Assert.Equal((4, TimeSpan.FromSeconds(3)), (tuned.Config.MaxErrorRetry, tuned.Config.Timeout));
    }

    [Fact]
    public void The_s3_defaults_are_valid()
    {
        var defaults = new S3Options();

        Assert.Equal((3, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)), (defaults.MaxAttempts, defaults.AttemptTimeout, defaults.CallTimeout));
        Assert.True(new S3OptionsValidator().Validate(null, defaults).Succeeded);
    }

    [Theory]
    [InlineData(0, "00:00:10", "00:00:30", "S3:MaxAttempts must be between 1 and 10, not 0.")]
    [InlineData(11, "00:00:10", "00:00:30", "S3:MaxAttempts must be between 1 and 10, not 11.")]
    [InlineData(3, "00:00:10", "00:00:00", "S3:CallTimeout must be positive and at most 00:05:00, not 00:00:00.")]
    [InlineData(3, "00:00:10", "00:05:01", "S3:CallTimeout must be positive and at most 00:05:00, not 00:05:01.")]
    [InlineData(3, "00:00:00", "00:00:30", "S3:AttemptTimeout must be positive and at most S3:CallTimeout (00:00:30), not 00:00:00.")]
    [InlineData(3, "00:00:31", "00:00:30", "S3:AttemptTimeout must be positive and at most S3:CallTimeout (00:00:30), not 00:00:31.")]
    public void Each_bad_limit_is_refused_naming_the_setting(int attempts, string attemptTimeout, string callTimeout, string message)
    {
        var result = new S3OptionsValidator().Validate(null, new S3Options
        {
            MaxAttempts = attempts,
            AttemptTimeout = TimeSpan.Parse(attemptTimeout, System.Globalization.CultureInfo.InvariantCulture),
            CallTimeout = TimeSpan.Parse(callTimeout, System.Globalization.CultureInfo.InvariantCulture),
        });

        // A call timeout of zero also leaves no room for an attempt; each message names its own setting.
        Assert.Contains(message, result.Failures!);
    }

    private static S3ClientFactory Factory(S3Options s3, DevelopmentOptions development) =>
        new(Options.Create(s3), Options.Create(development), NullLogger<S3ClientFactory>.Instance);
}
