using ModelContextProtocol;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.Api.Tools.Packages;

namespace QuiltMcp.Orleans.S3Tools.Tests.Units;

public sealed class InputValidationTests
{
    [Theory]
    [InlineData("s3://bucket-a/dir/file.txt", "bucket-a", "dir/file.txt", null)]
    [InlineData("s3://bucket-a/my%20file.txt?versionId=abc%2B1", "bucket-a", "my file.txt", "abc+1")]
    [InlineData("s3://bucket-a/a/b/c", "bucket-a", "a/b/c", null)]
    public void Valid_uris_parse_with_quilt3_percent_decoding(string text, string bucket, string key, string? version)
    {
        var uri = S3Uri.Parse(text);
        Assert.Equal(new S3Uri(bucket, key, version), uri);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("http://bucket/key", "must start with s3://")]
    [InlineData("s3://Bad_Bucket/key", "not a valid bucket name")]
    [InlineData("s3://bucket-a", "names a bucket or prefix")]
    [InlineData("s3://bucket-a/dir/", "names a bucket or prefix")]
    [InlineData("s3://bucket-a/key?acl=1", "only ?versionId")]
    [InlineData("s3://bucket-a/key?versionId=1&versionId=2", "given twice")]
    [InlineData("s3://bucket-a/ke\u0001y", "control characters")]
    [InlineData("s3://bucket-a/key%0Aevil", "control characters")]
    [InlineData("s3://bucket-a/key#frag", "#fragment")]
    public void Malformed_uris_are_refused_with_the_reason(string text, string reason)
    {
        var failure = Assert.Throws<McpException>(() => S3Uri.Parse(text));
        Assert.Contains(reason, failure.Message);
    }

    [Fact]
    public void Uris_round_trip_in_quilt3_encoded_form()
    {
        var uri = new S3Uri("bucket-a", "dir/a b+c.txt", "v 1");
        Assert.Equal("s3://bucket-a/dir/a%20b%2Bc.txt?versionId=v%201", uri.ToString());
        Assert.Equal(uri, S3Uri.Parse(uri.ToString()));
    }

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
        Assert.Throws<McpException>(() => LogicalKey.EnsureValid(key));
    }

    [Fact]
    public void A_key_that_is_both_file_and_folder_is_refused()
    {
        var failure = Assert.Throws<McpException>(() => LogicalKey.EnsureNoFileFolderClash(["data", "data/x.csv"]));
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
