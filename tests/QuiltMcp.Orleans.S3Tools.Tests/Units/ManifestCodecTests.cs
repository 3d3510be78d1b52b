using System.Text;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.Tools.Packages;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Units;

public sealed class ManifestCodecTests
{
    [Fact]
    public async Task A_quilt3_manifest_reads_back_to_the_top_hash_python_computed()
    {
        var manifest = await ManifestCodec.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Quilt3Manifest.Text)), "fixture", CancellationToken.None);

        Assert.Equal(Quilt3Manifest.TopHash, manifest.TopHash);
        Assert.Equal(["README.md", "raw/sample 1.csv"], manifest.Entries.Select(entry => entry.LogicalKey).ToArray());
        Assert.Equal("raw", Assert.Single(manifest.Directories).LogicalKey);
        Assert.Equal("sha2-256-chunked", manifest.Entries[1].Hash.Type);
    }

    [Fact]
    public async Task Writing_and_reading_again_keeps_the_top_hash_and_folder_metadata()
    {
        var original = await ManifestCodec.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Quilt3Manifest.Text)), "fixture", CancellationToken.None);
        var again = await ManifestCodec.ReadAsync(new MemoryStream(ManifestCodec.Write(original)), "rewritten", CancellationToken.None);

        Assert.Equal(Quilt3Manifest.TopHash, again.TopHash);
        Assert.Single(again.Directories);
        Assert.Equal(original.Entries.Select(entry => entry.PhysicalKey), again.Entries.Select(entry => entry.PhysicalKey));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{\"version\":\"v0\"}\n{\"physical_keys\":[\"s3://b/k\"],\"size\":1}", "no logical_key")]
    [InlineData("{\"version\":\"v0\"}\n{\"logical_key\":\"k\",\"physical_keys\":[\"s3://b/k\"],\"size\":1}", "no hash")]
    [InlineData("{\"version\":\"v0\"}\n{not json", "invalid JSON")]
    public async Task Corrupt_manifests_are_refused_with_the_line(string text, string reason)
    {
        var failure = await Assert.ThrowsAsync<PackageFormatException>(
            () => ManifestCodec.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "bad", CancellationToken.None));
        Assert.Contains(reason, failure.Message);
    }
}
