using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Tools.Buckets;

namespace QuiltMcp.Orleans.Api.Tests.Tools;

/// <summary>The one continuation token of a version listing: both markers round-trip, anything else is refused.</summary>
public sealed class VersionListingTokenTests
{
    [Theory]
    [InlineData("d/a.txt", "AbC-123_xyz")]
    [InlineData("naïve ✓/\"quoted\" & more", "null")]
    [InlineData("folder/", null)]
    public void Markers_round_trip(string key, string? version)
    {
        var token = VersionListingToken.Encode(key, version);

        Assert.StartsWith("versions.", token, StringComparison.Ordinal);
        Assert.Equal((key, version), VersionListingToken.Decode(token!));
    }

    [Fact]
    public void No_key_marker_means_no_next_page()
    {
        Assert.Null(VersionListingToken.Encode(null, "v1"));
        Assert.Null(VersionListingToken.Encode("", null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("opaque-s3-token")]
    [InlineData("versions.")]
    [InlineData("versions.!!!")]
    [InlineData("versions.bm90IGpzb24")]
    [InlineData("versions.WyJrIl0")]
    [InlineData("versions.WyIiLCIiXQ")]
    [InlineData("versions.WyJrIiwidjEmYWNsIl0")]
    [InlineData("versions.WyJrXHUwMDAwIiwiIl0")]
    [InlineData("versions.WzEsMl0")]
    public void Tokens_that_are_not_ours_or_carry_impossible_markers_are_refused(string token)
    {
        var failure = Assert.Throws<McpException>(() => VersionListingToken.Decode(token));

        Assert.Equal("continuation_token is not a token returned by bucket_objects_list with versions=true.", failure.Message);
    }

    [Fact]
    public void An_overlong_token_is_refused_before_it_is_decoded()
    {
        var failure = Assert.Throws<McpException>(() => VersionListingToken.Decode("versions." + new string('A', 5000)));

        Assert.Equal(VersionListingToken.Refusal, failure.Message);
    }
}
