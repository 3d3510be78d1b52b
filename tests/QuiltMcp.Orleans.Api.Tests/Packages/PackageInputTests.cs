using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.Tools.Packages;

namespace QuiltMcp.Orleans.Api.Tests.Packages;

/// <summary>Logical keys and package names, checked with the other arguments before anything is read.</summary>
public sealed class PackageInputTests
{
    [Theory]
    [InlineData("a/../b")]
    [InlineData("./a")]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("")]
    [InlineData("a\tb")]
    public void Bad_logical_keys_are_refused(string key)
    {
        Assert.Throws<PackageFormatException>(() => LogicalKey.EnsureValid(key));
    }

    [Fact]
    public void A_key_that_is_both_file_and_folder_is_refused()
    {
        var failure = Assert.Throws<PackageFormatException>(() => LogicalKey.EnsureNoFileFolderClash(["data", "data/x.csv"]));
        Assert.Contains("both a file and a folder", failure.Message);
    }

    [Theory]
    [InlineData("alice/raw-data", true)]
    [InlineData("alice/raw_data2", true)]
    [InlineData("alice", false)]
    [InlineData("alice/raw/data", false)]
    [InlineData("alice/../x", false)]
    [InlineData("alice/ raw", false)]
    public void Package_names_follow_namespace_slash_name(string name, bool valid)
    {
        Assert.Equal(valid, PackageName.IsValid(name));
    }
}
