using QuiltMcp.Orleans.Api.Quilt3;

namespace QuiltMcp.Orleans.Api.Tests.Resources;

/// <summary>quilt3's package URIs: what each form means, and the canonical form written back.</summary>
public sealed class QuiltPackageUriTests
{
    private static readonly string Hash = new('a', 64);

    [Fact]
    public void A_hash_a_path_and_a_catalog_are_read_and_the_catalog_is_not_written_back()
    {
        var uri = QuiltPackageUri.Parse($"quilt+s3://my-bucket#package=team/data@{Hash}&path=dir/a%20b.txt&catalog=open.quiltdata.com");

        Assert.Equal("my-bucket", uri.Bucket);
        Assert.Equal("team/data", uri.Package);
        Assert.True(uri.Revision.IsTopHash);
        Assert.Equal("dir/a b.txt", uri.Path);
        Assert.Equal($"quilt+s3://my-bucket#package=team/data@{Hash}&path=dir/a%20b.txt", uri.ToString());
    }

    [Theory]
    [InlineData("quilt+s3://b-1#package=a/b", "latest", null, "quilt+s3://b-1#package=a/b")]
    [InlineData("quilt+s3://b-1#package=a/b:latest", "latest", null, "quilt+s3://b-1#package=a/b")]
    [InlineData("quilt+s3://b-1#package=a/b:1700000000&path=x", "1700000000", "x", "quilt+s3://b-1#package=a/b:1700000000&path=x")]
    [InlineData("quilt+s3://b-1#package=a/b@abc123&path=x", "abc123", "x", "quilt+s3://b-1#package=a/b@abc123&path=x")]
    [InlineData("quilt+s3://b-1#package=a%2Fb&path=d%2Fe.csv", "latest", "d/e.csv", "quilt+s3://b-1#package=a/b&path=d/e.csv")]
    public void Each_revision_form_means_what_quilt3_means_by_it(string text, string revision, string? path, string canonical)
    {
        var uri = QuiltPackageUri.Parse(text);

        Assert.Equal(revision, uri.Revision.Text);
        Assert.Equal(path, uri.Path);
        Assert.Equal(canonical, uri.ToString());
        Assert.Equal(uri, QuiltPackageUri.Parse(uri.ToString()));
    }

    [Theory]
    [InlineData(null, "it is empty")]
    [InlineData("quilt+s3://b-1#package=a/b&path=", "the path is empty")]
    [InlineData("quilt+s3://b-1#package=a/b:", "':' is not a tag ('latest' or a revision time in Unix seconds); a top hash goes after '@'")]
    [InlineData("quilt+s3://b-1#package=a/b&path", "its fragment part 'path' is not name=value")]
    public void Malformed_uris_say_what_is_wrong(string? text, string reason)
    {
        var refused = Assert.Throws<PackageFormatException>(() => QuiltPackageUri.Parse(text));

        Assert.StartsWith($"Invalid Quilt URI '{text}': {reason}. Expected quilt+s3://", refused.Message, StringComparison.Ordinal);
    }
}
