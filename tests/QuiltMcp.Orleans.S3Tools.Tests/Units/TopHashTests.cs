using System.Text.Json;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.Tools.Packages;

namespace QuiltMcp.Orleans.S3Tools.Tests.Units;

/// <summary>
/// The expected strings and hashes below were produced by CPython 3 itself — <c>json.dumps(v, sort_keys=True,
/// separators=(',', ':'))</c> and <c>hashlib.sha256</c> following quilt3's top-hash recipe — not by this code.
/// </summary>
public sealed class TopHashTests
{
    [Theory]
    [InlineData("""{"b":1,"a":[1.0,2.5,1e-05,1e16,1234567890123456.0,0.0001,-0.0,3],"c":null,"d":true}""",
        """{"a":[1.0,2.5,1e-05,1e+16,1234567890123456.0,0.0001,-0.0,3],"b":1,"c":null,"d":true}""")]
    [InlineData("""{"é":"ünï\u2028","\ud83d\ude00":"smile","\uffff":"max bmp","z":"tab\tnl\n\"q\" \\ /","ctl":"\u0001\u007f"}""",
        """{"ctl":"\u0001\u007f","z":"tab\tnl\n\"q\" \\ /","\u00e9":"\u00fcn\u00ef\u2028","\uffff":"max bmp","\ud83d\ude00":"smile"}""")]
    [InlineData("""{"big":12345678901234567890,"neg":-0,"e":1E2,"f":1.5e300,"g":0.1,"h":100.0,"i":123456789.123456789}""",
        """{"big":12345678901234567890,"e":100.0,"f":1.5e+300,"g":0.1,"h":100.0,"i":123456789.12345679,"neg":0}""")]
    public void Canonical_json_matches_python_json_dumps(string input, string python)
    {
        Assert.Equal(python, PythonJson.Serialize(JsonDocument.Parse(input).RootElement));
    }

    [Fact]
    public void Top_hash_matches_a_vector_computed_by_python_in_quilt3_walk_order()
    {
        var meta = Json("""{"version":"v0","message":"first revision","user_meta":{"team":"genomics","n":3,"ratio":0.5}}""");
        ManifestEntry[] entries =
        [
            new("data/été.csv", "s3://b/x", 7, new EntryHash("SHA256", new string('c', 64)), Json("{}")),
            new("a/b", "s3://b/y", 10, new EntryHash("SHA256", new string('b', 64)), Json("""{"user_meta":{"k":"v"}}""")),
            new("a-c", "s3://b/z", 4, new EntryHash("SHA256", new string('a', 64)), Json("{}")),
            new("README.md", "s3://b/r", 0, new EntryHash("sha2-256-chunked", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="), Json("{}")),
        ];

        Assert.Equal("a9b3519a42f8fbd882706109b28916c94860e1348f31117a26a3f7fe5cbbc657", TopHash.Compute(meta, entries));
    }

    [Fact]
    public void Physical_keys_do_not_change_the_top_hash_but_metadata_does()
    {
        var meta = Json("""{"version":"v0","message":null}""");
        var entry = new ManifestEntry("f.txt", "s3://one/f.txt", 1, new EntryHash("SHA256", new string('d', 64)), Json("{}"));
        var moved = entry with { PhysicalKey = "s3://two/elsewhere?versionId=3" };
        var annotated = entry with { Meta = Json("""{"user_meta":{"x":1}}""") };

        Assert.Equal(TopHash.Compute(meta, [entry]), TopHash.Compute(meta, [moved]));
        Assert.NotEqual(TopHash.Compute(meta, [entry]), TopHash.Compute(meta, [annotated]));
        Assert.Equal("2a5a67156ca9238c14d12042db51c5b52260fdd5511b61ea89b58929d6e1769b", TopHash.Compute(meta, []));
    }

    [Fact]
    public void Walk_order_sorts_each_folder_level_not_whole_keys()
    {
        // '-' sorts before '/', so whole-key order would put a-c first; quilt3 walks folder "a" before "a-c".
        string[] keys = ["a-c", "data/été.csv", "a/b", "README.md", "a/a/z"];
        Assert.Equal(["README.md", "a/a/z", "a/b", "a-c", "data/été.csv"], keys.Order(LogicalKey.WalkOrder).ToArray());
    }

    [Fact]
    public void Code_points_order_characters_beyond_the_basic_plane_after_u_ffff()
    {
        Assert.True(CodePointComparer.Instance.Compare("\uffff", "\ud83d\ude00") < 0);
        Assert.True(string.CompareOrdinal("\uffff", "\ud83d\ude00") > 0);
    }

    [Fact]
    public void Duplicate_metadata_keys_are_refused()
    {
        var failure = Assert.Throws<PackageFormatException>(() => PythonJson.Serialize(Json("""{"a":1,"a":2}""")));
        Assert.Contains("'a' twice", failure.Message);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
