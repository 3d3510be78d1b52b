using QuiltMcp.Orleans.Grains.SiloLoss;

namespace QuiltMcp.Orleans.Grains.Tests.SiloLoss;

public sealed class SiloLossRetryOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_outlast_failure_detection_with_orleans_defaults()
    {
        var defaults = new SiloLossRetryOptions();

        Assert.True(new SiloLossRetryOptionsValidator().Validate(null, defaults).Succeeded);

        // Orleans declares a silo dead after about ProbeTimeout (5 s) x NumMissedProbesLimit (3) by default.
        Assert.True(defaults.Deadline > TimeSpan.FromSeconds(5) * 3);
    }

    [Theory]
    [InlineData("00:00:00", "00:00:00.100", "00:00:02", null)]
    [InlineData("00:02:00", "00:00:00.100", "00:00:02", null)]
    [InlineData("00:02:00.001", "00:00:00.100", "00:00:02", "Cluster:SiloLossRetry:Deadline must be from 00:00:00 (no retry) to 00:02:00.")]
    [InlineData("-00:00:01", "00:00:00.100", "00:00:02", "Cluster:SiloLossRetry:Deadline must be from 00:00:00 (no retry) to 00:02:00.")]
    [InlineData("00:00:30", "00:00:00", "00:00:02", "Cluster:SiloLossRetry:FirstDelay must be positive.")]
    [InlineData("00:00:30", "00:00:01", "00:00:00.500", "Cluster:SiloLossRetry:MaxDelay must not be shorter than FirstDelay.")]
    [InlineData("00:00:30", "00:00:01", "00:00:01", null)]
    public void Each_setting_is_checked_and_a_bad_one_is_named(string deadline, string firstDelay, string maxDelay, string? failure)
    {
        var options = new SiloLossRetryOptions
        {
            Deadline = TimeSpan.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture),
            FirstDelay = TimeSpan.Parse(firstDelay, System.Globalization.CultureInfo.InvariantCulture),
            MaxDelay = TimeSpan.Parse(maxDelay, System.Globalization.CultureInfo.InvariantCulture),
        };

        var result = new SiloLossRetryOptionsValidator().Validate(null, options);

        Assert.Equal(failure is null, result.Succeeded);
        Assert.Equal(failure is null ? [] : [failure], result.Failures ?? []);
    }
}
