using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Aws.Roles;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Principals.Tests.Units;

public sealed class OptionsValidationTests
{
    private static ValidateOptionsResult Aws(AwsOptions options, CredentialCacheOptions? cache = null) =>
        new AwsOptionsValidator(Options.Create(cache ?? new CredentialCacheOptions())).Validate(null, options);

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(Aws(new AwsOptions()).Succeeded);
        Assert.True(new RoleOptionsValidator().Validate(null, new RoleOptions()).Succeeded);
        Assert.True(new CatalogOptionsValidator().Validate(null, new CatalogOptions()).Succeeded);
    }

    [Theory]
    [InlineData(899)]
    [InlineData(43201)]
    public void Role_duration_outside_sts_limits_names_the_setting(int seconds)
    {
        var result = Aws(new AwsOptions { RoleDurationSeconds = seconds });

        Assert.Contains("Aws:RoleDurationSeconds must be between 900 and 43200", result.FailureMessage);
    }

    [Fact]
    public void Each_bad_aws_setting_is_named()
    {
        var result = Aws(
            new AwsOptions { Region = "Mars", StsServiceUrl = "not a url", DesktopRoleArn = "arn:aws:s3:::x", RoleDurationSeconds = 900 },
            new CredentialCacheOptions { RefreshBeforeExpiry = TimeSpan.FromMinutes(20), RetryFailedAfter = TimeSpan.FromSeconds(-1) });

        Assert.Contains("Aws:Region", result.FailureMessage);
        Assert.Contains("Aws:StsServiceUrl", result.FailureMessage);
        Assert.Contains("Aws:DesktopRoleArn (QUILT_USER_ROLE_ARN)", result.FailureMessage);
        Assert.Contains("Aws:RefreshBeforeExpiry", result.FailureMessage);
        Assert.Contains("Aws:RetryFailedAfter", result.FailureMessage);
    }

    [Theory]
    [InlineData(0, "00:00:05", "Aws:StsMaxAttempts must be between 1 and 5, not 0.")]
    [InlineData(6, "00:00:01", "Aws:StsMaxAttempts must be between 1 and 5, not 6.")]
    [InlineData(3, "00:00:00", "Aws:StsTimeout must be positive, not 00:00:00.")]
    [InlineData(3, "00:00:10", "Aws:StsMaxAttempts × Aws:StsTimeout must be at most 20 s, not 3 × 10 s.")]
    public void Sts_attempts_and_their_time_must_fit_inside_a_grain_call(int attempts, string timeout, string message)
    {
        var result = Aws(new AwsOptions { StsMaxAttempts = attempts, StsTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(message, Assert.Single(result.Failures!));
    }

    [Fact]
    public void The_sts_client_bounds_its_attempts_and_their_time_as_configured()
    {
        using var defaults = (Amazon.SecurityToken.AmazonSecurityTokenServiceClient)StsClientFactory.Create(new AwsOptions { Region = "us-east-1" });
        using var tuned = (Amazon.SecurityToken.AmazonSecurityTokenServiceClient)StsClientFactory.Create(
            new AwsOptions { Region = "us-east-1", StsMaxAttempts = 2, StsTimeout = TimeSpan.FromSeconds(3) });

        // MaxErrorRetry counts the attempts after the first.
        Assert.Equal((Amazon.Runtime.RequestRetryMode.Standard, 2, TimeSpan.FromSeconds(5)), (defaults.Config.RetryMode, defaults.Config.MaxErrorRetry, defaults.Config.Timeout));
        Assert.Equal((1, TimeSpan.FromSeconds(3)), (tuned.Config.MaxErrorRetry, tuned.Config.Timeout));
    }

    [Fact]
    public void Bad_role_settings_are_named()
    {
        var result = new RoleOptionsValidator().Validate(null, new RoleOptions
        {
            AccountId = "12345",
            RoleArns = new Dictionary<string, string> { ["Reader"] = "Reader" },
            AllowedHeaderRoles = ["no spaces allowed"],
        });

        Assert.Contains("Roles:AccountId", result.FailureMessage);
        Assert.Contains("Roles:RoleArns:Reader", result.FailureMessage);
        Assert.Contains("Roles:AllowedHeaderRoles:0", result.FailureMessage);
    }

    [Fact]
    public void Catalog_url_must_be_absolute_and_the_token_never_shows()
    {
        var options = new CatalogOptions { GraphQlUrl = "catalog/graphql", DesktopAccessToken = "secret-token" };

        Assert.Contains("Catalog:GraphQlUrl", new CatalogOptionsValidator().Validate(null, options).FailureMessage);
        Assert.DoesNotContain("secret-token", options.ToString());
    }
}
