using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Tools.Packages.Copying;

namespace QuiltMcp.Orleans.Api.Tests.Packages;

/// <summary>The copy mode's setting and where it puts copies, both checked before anything is copied.</summary>
public sealed class PackageCopySettingsTests
{
    private readonly PackageCopyOptionsValidator _validator = new();

    [Fact]
    public void The_default_threshold_is_quilt3s_eight_mebibytes_and_valid()
    {
        var options = new PackageCopyOptions();

        Assert.Equal(8L * 1024 * 1024, options.MultipartCopyThreshold);
        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.True(_validator.Validate(null, new PackageCopyOptions { MultipartCopyThreshold = 1 }).Succeeded);
        Assert.True(_validator.Validate(null, new PackageCopyOptions { MultipartCopyThreshold = 5L * 1024 * 1024 * 1024 }).Succeeded);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData((5L * 1024 * 1024 * 1024) + 1)]
    public void A_threshold_outside_one_byte_to_five_gibibytes_stops_the_start(long threshold)
    {
        var result = _validator.Validate(null, new PackageCopyOptions { MultipartCopyThreshold = threshold });

        Assert.True(result.Failed);
        Assert.Equal(
            $"Packages:MultipartCopyThreshold must be between 1 and 5368709120 bytes (5 GiB, the largest object S3 copies in one request), not {threshold}.",
            result.FailureMessage);
    }

    [Fact]
    public void Copies_go_under_the_package_name_and_a_key_too_long_for_S3_is_refused_naming_the_entry()
    {
        Assert.Equal("team/data/raw/a.csv", PackageCopyDestination.Ensure("team/data", "raw/a.csv"));

        var longKey = string.Join('/', Enumerable.Repeat(new string('k', 100), 10)) + "/x.csv";
        var refused = Assert.Throws<McpException>(() => PackageCopyDestination.Ensure("team/data", longKey));

        Assert.StartsWith($"The copy of '{longKey[..40]}", refused.Message);
        Assert.Contains("is longer than 1024 UTF-8 bytes; shorten the logical key or copy: false.", refused.Message);
    }
}
