using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.Tools.Packages;

namespace QuiltMcp.Orleans.Api.Tests.Packages;

public sealed class RevisionSelectorTests
{
    [Theory]
    [InlineData(null, "latest", true, false)]
    [InlineData(" latest ", "latest", true, false)]
    [InlineData("1700000000", "1700000000", true, false)]
    [InlineData("abcdef", "abcdef", false, true)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false, false)]
    public void Revision_selectors_are_parsed_before_anything_is_read(string? text, string parsed, bool pointer, bool prefix)
    {
        var selector = RevisionSelector.Parse(text);

        Assert.Equal(parsed, selector.Text);
        Assert.Equal(pointer, selector.IsPointer);
        Assert.Equal(prefix, selector.IsHashPrefix);
        Assert.Equal(!pointer && !prefix, selector.IsTopHash);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ABCDEF")]
    [InlineData("../latest")]
    [InlineData("latest/../x")]
    [InlineData("12345g")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    public void Malformed_revision_selectors_are_refused_naming_the_argument(string text)
    {
        var failure = Assert.Throws<PackageFormatException>(() => RevisionSelector.Parse(text, "hash_a"));

        Assert.Equal($"hash_a '{text}' is not 'latest', a revision time (Unix seconds) or a top hash "
            + "(64 lowercase hex digits, or a prefix of at least 6).", failure.Message);
    }
}
