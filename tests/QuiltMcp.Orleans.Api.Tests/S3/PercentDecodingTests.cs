using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>One round of percent-decoding, read as the most lenient server on the way would read it.</summary>
public sealed class PercentDecodingTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("%2e%2E", "..")]
    [InlineData("%252e", "%2e")]
    [InlineData("%c3%a9t%C3%A9", "\u00e9t\u00e9")]
    [InlineData("%c0%ae", ".")]
    [InlineData("%e0%80%af", "/")]
    [InlineData("%u002E%u00e9", ".\u00e9")]
    [InlineData("%ff%41", "\uFFFDA")]
    [InlineData("%e9x", "\uFFFDx")]
    [InlineData("100%", "100%")]
    [InlineData("%4", "%4")]
    [InlineData("%u12", "%u12")]
    [InlineData("%U002e", ".")]
    [InlineData("%80", "\uFFFD")]
    [InlineData("%c3%41", "\uFFFDA")]
    [InlineData("%e0%80", "\uFFFD\uFFFD")]
    [InlineData("%f0%9f%98%80", "\U0001F600")]
    [InlineData("%f8%80%80%ae", "\uFFFD\uFFFD\uFFFD\uFFFD")]
    [InlineData("%ed%a0%80", "\uFFFD")]
    [InlineData("%f4%90%80%80", "\uFFFD")]
    public void Percent_decoding_reads_what_a_lenient_server_would(string text, string decoded)
    {
        Assert.Equal(decoded, PercentDecoding.DecodeOnce(text));
    }
}
