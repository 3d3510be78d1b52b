using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Telemetry;

namespace QuiltMcp.Orleans.Api.Tests.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    [Theory]
    [InlineData("QuiltMcp")]
    [InlineData("Quilt/MCP server-1.0")]
    public void A_custom_namespace_is_accepted(string metricNamespace)
    {
        Assert.True(Validate(new TelemetryOptions { MetricNamespace = metricNamespace }).Succeeded);
    }

    [Theory]
    [InlineData("", "must be 1-255 printable ASCII characters")]
    [InlineData(":Quilt", "must be 1-255 printable ASCII characters")]
    [InlineData("Quilt\u00e9", "must be 1-255 printable ASCII characters")]
    [InlineData("Quilt\tMcp", "must be 1-255 printable ASCII characters")]
    [InlineData("AWS/Lambda", "reserved for AWS services")]
    [InlineData("aws/quilt", "reserved for AWS services")]
    public void A_namespace_cloudwatch_would_refuse_is_refused_naming_the_setting(string metricNamespace, string reason)
    {
        var failure = Assert.Single(Validate(new TelemetryOptions { MetricNamespace = metricNamespace }).Failures!);

        Assert.StartsWith($"Telemetry:MetricNamespace '{metricNamespace}'", failure, StringComparison.Ordinal);
        Assert.Contains(reason, failure);
    }

    [Fact]
    public void A_namespace_of_256_characters_is_refused_and_255_accepted()
    {
        Assert.True(Validate(new TelemetryOptions { MetricNamespace = new string('q', 255) }).Succeeded);
        Assert.True(Validate(new TelemetryOptions { MetricNamespace = new string('q', 256) }).Failed);
    }

    [Fact]
    public void The_namespace_is_not_checked_while_no_emf_lines_are_written()
    {
        Assert.True(Validate(new TelemetryOptions { EmbeddedMetrics = false, MetricNamespace = "" }).Succeeded);
    }

    [Fact]
    public void The_telemetry_registration_validates_the_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:MetricNamespace"] = "AWS/EC2" })
            .Build();
        using var services = new ServiceCollection().AddQuiltTelemetry(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        Assert.Contains("Telemetry:MetricNamespace 'AWS/EC2'", error.Message);
    }

    private static ValidateOptionsResult Validate(TelemetryOptions options) => new TelemetryOptionsValidator().Validate(null, options);
}
