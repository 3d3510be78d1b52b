using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Tests.Configuration;

public sealed class DevelopmentOptionsValidatorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Without_a_local_s3_the_section_is_valid_in_every_environment(bool isDevelopment)
    {
        var validator = new DevelopmentOptionsValidator(isDevelopment, isDevelopment ? "Development" : "Production");

        Assert.True(validator.Validate(null, new DevelopmentOptions()).Succeeded);
        Assert.True(validator.Validate(null, new DevelopmentOptions { LocalS3 = " " }).Succeeded);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4568")]
    [InlineData("http://localhost:4568/")]
    [InlineData("https://minio.local:9000")]
    public void A_local_s3_url_is_accepted_in_development(string url)
    {
        var options = new DevelopmentOptions { LocalS3 = url };

        Assert.True(new DevelopmentOptionsValidator(isDevelopment: true, "Development").Validate(null, options).Succeeded);
        Assert.True(options.UsesLocalS3);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void A_local_s3_is_refused_outside_development_naming_the_setting_and_the_environment(string environment)
    {
        var result = new DevelopmentOptionsValidator(isDevelopment: false, environment)
            .Validate(null, new DevelopmentOptions { LocalS3 = "http://127.0.0.1:4568" });

        Assert.True(result.Failed);
        Assert.Equal(
            "Development:LocalS3 is for local development only and must not be set outside the Development environment "
            + $"(this one is '{environment}'): remove it, or on a developer's machine run in Development (--environment Development).",
            Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("127.0.0.1:4568")]
    [InlineData("/s3")]
    [InlineData("ftp://127.0.0.1:4568")]
    public void A_local_s3_that_is_not_an_http_url_is_refused_in_development(string url)
    {
        var result = new DevelopmentOptionsValidator(isDevelopment: true, "Development").Validate(null, new DevelopmentOptions { LocalS3 = url });

        Assert.Equal(
            $"Development:LocalS3 must be the absolute http(s) URL of a local S3 server such as http://127.0.0.1:4568, not '{url}'.",
            Assert.Single(result.Failures!));
    }
}
