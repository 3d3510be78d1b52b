using QuiltMcp.Orleans.Api.Sessions;
using Xunit;

namespace QuiltMcp.Orleans.Api.Tests.Sessions;

public sealed class McpSessionOptionsValidatorTests
{
    [Fact]
    public void The_default_store_timeout_is_ten_seconds_and_valid()
    {
        var defaults = new McpSessionOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), defaults.StoreTimeout);
        Assert.True(new McpSessionOptionsValidator().Validate(null, defaults).Succeeded);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:01:00.001")]
    public void A_store_timeout_that_is_not_positive_or_over_a_minute_is_refused_naming_the_setting(string value)
    {
        var result = new McpSessionOptionsValidator().Validate(null, new McpSessionOptions { StoreTimeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.StartsWith("Sessions:StoreTimeout must be positive and at most 00:01:00, not ", result.FailureMessage, StringComparison.Ordinal);
    }
}
