using ModelContextProtocol;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

public sealed class S3UriTests
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
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3Uri.Parse(text));
        Assert.Contains(reason, failure.Message);
    }

    [Theory]
    [InlineData(null, "it is empty")]
    [InlineData("  ", "it is empty")]
    [InlineData("S3://bucket-a/key", "it must start with s3://")]
    [InlineData("s3://bucket-a/ke\u0001y", "it contains control characters")]
    [InlineData("s3://bucket-a/key%0Aevil", "it decodes to control characters")]
    [InlineData("s3:///%00", "it decodes to control characters")]
    [InlineData("s3://#frag", "it has a #fragment")]
    [InlineData("s3://bucket-a/key?versionId=1#frag", "it has a #fragment")]
    [InlineData("s3://?versionId=1", "'' is not a valid bucket name")]
    [InlineData("s3:///key", "'' is not a valid bucket name")]
    [InlineData("s3://bucket-a/key?acl", "only ?versionId=… is understood, not 'acl'")]
    [InlineData("s3://bucket-a/key?versionid=1", "only ?versionId=… is understood, not 'versionid=1'")]
    [InlineData("s3://bucket-a/key?versionIdx=1", "only ?versionId=… is understood, not 'versionIdx=1'")]
    [InlineData("s3://bucket-a/key?versionId=1&versionId=1", "versionId is given twice")]
    [InlineData("s3://bucket-a/key?versionId=", "its versionId is empty; S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =")]
    [InlineData("s3://bucket-a/key?versionId=a%0Ab", "its versionId 'a?b' contains control characters; S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =")]
    [InlineData("s3://bucket-a/key?versionId=a%26b", "its versionId 'a&b' contains '&', which S3 version ids never do; S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =")]
    [InlineData("s3://bucket-a/key?versionId=a%20b", "its versionId 'a b' contains ' ', which S3 version ids never do; S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =")]
    [InlineData("s3://bucket-a/key%ZZ/..", "its key 'key%ZZ/..' has a '..' path segment; keys may not contain '.' or '..' segments in any encoding")]
    public void Each_refusal_names_the_uri_the_argument_and_the_reason(string? text, string reason)
    {
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3Uri.Parse(text, argument: "source"));

        Assert.Equal($"Invalid S3 URI '{S3Names.Shorten(text)}' in source: {reason}. Expected s3://bucket/key, optionally with ?versionId=….", failure.Message);
    }

    [Fact]
    public void A_version_id_may_have_1024_characters_and_no_more()
    {
        var longest = new string('v', 1024);

        Assert.Equal(longest, S3Uri.Parse($"s3://bucket-a/key?versionId={longest}").VersionId);
        Assert.EndsWith("is longer than 1024 characters; S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =. Expected s3://bucket/key, optionally with ?versionId=….",
            Assert.Throws<InvalidS3AddressException>(() => S3Uri.Parse($"s3://bucket-a/key?versionId={longest}v")).Message);
    }

    [Theory]
    [InlineData("s3://bucket-a", "")]
    [InlineData("s3://bucket-a/", "")]
    [InlineData("s3://bucket-a/dir/", "dir/")]
    [InlineData("s3://bucket-a/dir%2F", "dir/")]
    public void Buckets_and_prefixes_parse_where_a_prefix_is_allowed(string text, string key)
    {
        var uri = S3Uri.Parse(text, allowPrefix: true);

        Assert.Equal(new S3Uri("bucket-a", key), uri);
        Assert.True(uri.IsPrefix);
        Assert.Equal($"Invalid S3 URI '{text}' in s3_uri: it names a bucket or prefix, not an object. Expected s3://bucket/key, optionally with ?versionId=….",
            Assert.Throws<InvalidS3AddressException>(() => S3Uri.Parse(text)).Message);
    }

    [Fact]
    public void A_version_id_on_a_prefix_is_refused()
    {
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3Uri.Parse("s3://bucket-a/dir/?versionId=1", allowPrefix: true));

        Assert.Equal("Invalid S3 URI 's3://bucket-a/dir/?versionId=1' in s3_uri: a versionId applies to an object, not a prefix. "
            + "Expected s3://bucket/key, optionally with ?versionId=….", failure.Message);
    }

    [Theory]
    [InlineData("s3://bucket-a/key?", null)]
    [InlineData("s3://bucket-a/key?&versionId=v%2F1&", "v/1")]
    public void Empty_query_parts_are_ignored(string text, string? versionId)
    {
        Assert.Equal(new S3Uri("bucket-a", "key", versionId), S3Uri.Parse(text));
    }

    [Fact]
    public void Keys_are_encoded_like_python_quote_keeping_unreserved_characters_and_slashes()
    {
        Assert.Equal("s3://bucket-a/Az09_.-~/%20%3F%23%25%C3%A9%F0%9F%98%80", new S3Uri("bucket-a", "Az09_.-~/ ?#%é\U0001F600").ToString());
        Assert.Equal("s3://bucket-a/", new S3Uri("bucket-a", "").ToString());
    }

    [Fact]
    public void Uris_round_trip_in_quilt3_encoded_form()
    {
        var uri = new S3Uri("bucket-a", "dir/a b+c.txt", "v+1/=");
        Assert.Equal("s3://bucket-a/dir/a%20b%2Bc.txt?versionId=v%2B1/%3D", uri.ToString());
        Assert.Equal(uri, S3Uri.Parse(uri.ToString()));
    }

    private const string Rule = "keys may not contain '.' or '..' segments in any encoding";

    [Theory]
    [InlineData("s3://bar-bucket/../other-bucket/x", "../other-bucket/x", "a '..' path segment")]
    [InlineData("s3://bar-bucket/a/../../other-bucket/x", "a/../../other-bucket/x", "a '..' path segment")]
    [InlineData("s3://bar-bucket/%2e%2e/other-bucket/x", "../other-bucket/x", "a '..' path segment")]
    [InlineData("s3://bar-bucket/..%2Fother-bucket%2Fx", "../other-bucket/x", "a '..' path segment")]
    [InlineData("s3://bar-bucket/%252e%252e/other-bucket/x", "%2e%2e/other-bucket/x", "a '..' path segment once percent-decoded")]
    [InlineData("s3://bar-bucket/%c0%ae%c0%ae/other-bucket/x", "%c0%ae%c0%ae/other-bucket/x", "a '..' path segment once percent-decoded")]
    [InlineData("s3://bar-bucket/%EF%BC%8E%EF%BC%8E/x", "\uFF0E\uFF0E/x", "a '..' path segment once Unicode-normalized (NFKC)")]
    [InlineData("s3://bar-bucket/..%5Cother-bucket/", "..\\other-bucket/", "a '..' path segment")]
    public void S3_uris_decode_their_key_and_hold_it_to_the_key_rule(string text, string key, string finding)
    {
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3Uri.Parse(text, allowPrefix: true, argument: "entries[0].s3_uri"));

        Assert.Equal($"Invalid S3 URI '{text}' in entries[0].s3_uri: its key '{key}' has {finding}; {Rule}. "
            + "Expected s3://bucket/key, optionally with ?versionId=….", failure.Message);
    }

    [Theory]
    [InlineData("s3://bucket-a/key", null, null)]
    [InlineData("s3://bucket-a/key", "v1", "v1")]
    [InlineData("s3://bucket-a/key?versionId=v1", null, "v1")]
    [InlineData("s3://bucket-a/key?versionId=v1", "v1", "v1")]
    [InlineData("s3://bucket-a/key?versionId=v%2B1", "v+1", "v+1")]
    public void A_version_argument_names_the_version_once_whichever_way_it_comes(string text, string? argument, string? version)
    {
        Assert.Equal(new S3Uri("bucket-a", "key", version), S3Uri.Parse(text).WithVersion(argument));
    }

    [Fact]
    public void Two_different_versions_are_refused_naming_both()
    {
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3Uri.Parse("s3://bucket-a/key?versionId=one").WithVersion("two"));

        Assert.Equal("version_id 'two' differs from the versionId in s3_uri ('one'); give the version once, as version_id or in the URI.", failure.Message);
    }

    [Fact]
    public void A_version_argument_is_held_to_the_version_id_rule()
    {
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3Uri.Parse("s3://bucket-a/key").WithVersion("v1&acl", "version"));

        Assert.Equal("version 'v1&acl' contains '&', which S3 version ids never do; S3 version ids are 1–1024 characters: ASCII letters, digits and . _ - + / =.", failure.Message);
    }
}
