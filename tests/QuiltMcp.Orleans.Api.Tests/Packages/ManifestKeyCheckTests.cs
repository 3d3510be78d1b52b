using System.Text;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.Tools.Packages;

namespace QuiltMcp.Orleans.Api.Tests.Packages;

/// <summary>Manifests are held to the key rules before they are written, whoever wrote the entries first.</summary>
public sealed class ManifestKeyCheckTests
{
    private const string Rule = "keys may not contain '.' or '..' segments in any encoding";

    [Fact]
    public async Task A_manifest_written_by_quilt3_is_writable()
    {
        ManifestKeyCheck.EnsureWritable(await ReadAsync(Quilt3Manifest.Text), "the fixture");
    }

    [Theory]
    [InlineData("""{"logical_key": "raw/%2e%2e/up", "meta": {}}""",
        "The folder 'raw/%2e%2e/up' of the fixture has a '..' path segment once percent-decoded; " + Rule + ". Nothing was written.")]
    [InlineData("""{"logical_key": "x.csv", "physical_keys": ["file:///data/../../etc/passwd"], "size": 1, "hash": {"type": "SHA256", "value": "00"}, "meta": {}}""",
        "The entry 'x.csv' of the fixture has an unusable physical key (it has a '..' path segment; " + Rule + "). Nothing was written.")]
    [InlineData("""{"logical_key": "x.csv", "physical_keys": ["s3://Bad_Bucket/x.csv"], "size": 1, "hash": {"type": "SHA256", "value": "00"}, "meta": {}}""",
        "The entry 'x.csv' of the fixture has an unusable physical key (Invalid S3 URI 's3://Bad_Bucket/x.csv' in physical_keys: 'Bad_Bucket' is not a valid bucket name. "
        + "Expected s3://bucket/key, optionally with ?versionId=…). Nothing was written.")]
    [InlineData("""{"logical_key": "a\\..\\b", "physical_keys": ["s3://src-bucket/x.csv"], "size": 1, "hash": {"type": "SHA256", "value": "00"}, "meta": {}}""",
        "The logical key of an entry of the fixture 'a\\..\\b' has a '..' path segment; " + Rule + ".")]
    public async Task Escaping_folders_entries_and_physical_keys_are_refused(string line, string error)
    {
        var manifest = await ReadAsync("""{"version": "v0", "message": null}""" + "\n" + line);

        var refused = Assert.Throws<PackageFormatException>(() => ManifestKeyCheck.EnsureWritable(manifest, "the fixture"));

        Assert.Equal(error, refused.Message);
    }

    [Fact]
    public async Task Physical_keys_outside_s3_without_dot_segments_are_kept()
    {
        var manifest = await ReadAsync("""{"version": "v0", "message": null}""" + "\n"
            + """{"logical_key": "x.csv", "physical_keys": ["file:///data/x.csv"], "size": 1, "hash": {"type": "SHA256", "value": "00"}, "meta": {}}""");

        ManifestKeyCheck.EnsureWritable(manifest, "the fixture");
    }

    [Fact]
    public void A_missing_manifest_is_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => ManifestKeyCheck.EnsureWritable(null!, "the fixture"));
    }

    private static Task<PackageManifest> ReadAsync(string text) =>
        ManifestCodec.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "fixture", CancellationToken.None);
}
