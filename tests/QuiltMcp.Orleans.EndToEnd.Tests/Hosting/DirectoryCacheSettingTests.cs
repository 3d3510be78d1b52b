using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using QuiltMcp.Orleans.Silo.Clustering;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

/// <summary>
/// The silo's grain-directory cache is bounded well below Orleans' default (which preallocates for a million entries
/// and keeps one per session grain ever addressed), and an operator can size it.
/// </summary>
public sealed class DirectoryCacheSettingTests
{
    [Fact]
    public async Task The_directory_cache_holds_ten_thousand_entries_unless_configured()
    {
        await using var server = await InProcessServer.CreateAsync();

        var directory = server.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;
        Assert.Equal(SiloConfiguration.DefaultDirectoryCacheSize, directory.CacheSize);
        Assert.Equal(10_000, directory.CacheSize);
    }

    [Fact]
    public async Task Cluster_Directory_CacheSize_sizes_it()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Cluster:Directory:CacheSize"] = "2500" });

        Assert.Equal(2_500, server.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("-1")]
    public async Task A_cache_size_Orleans_cannot_use_stops_start_up_with_one_line_naming_the_setting(string size)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Cluster:Directory:CacheSize"] = size });
        });

        Assert.Equal(
            "Cluster:Directory:CacheSize (Cluster__Directory__CacheSize) must be at least 3 (default 10000): the number of grain locations the silo keeps.",
            Assert.Single(failure.Failures));
    }

    [Fact]
    public async Task A_cache_size_that_is_not_a_number_stops_start_up_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Cluster:Directory:CacheSize"] = "ten" });
        });

        Assert.Equal("Failed to convert configuration value 'ten' at 'Cluster:Directory:CacheSize' to type 'System.Int32'.", failure.Message);
    }
}
