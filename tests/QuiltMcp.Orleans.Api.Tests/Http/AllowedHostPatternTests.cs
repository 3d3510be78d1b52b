using QuiltMcp.Orleans.Api.Http;

namespace QuiltMcp.Orleans.Api.Tests.Http;

/// <summary>Which <c>Http:AllowedHosts</c> entries are host patterns, and the form they are compared in.</summary>
public sealed class AllowedHostPatternTests
{
    [Theory]
    [InlineData("mcp.example.com", "mcp.example.com")]
    [InlineData(" MCP.Example.com ", "mcp.example.com")]
    [InlineData("*.example.com", "*.example.com")]
    [InlineData("10.0.3.7", "10.0.3.7")]
    [InlineData("::1", "[::1]")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("fd00:0::1", "[fd00::1]")]
    public void A_host_name_or_address_becomes_its_pattern(string entry, string pattern)
    {
        Assert.True(AllowedHostPattern.TryParse(entry, out var parsed));
        Assert.Equal(pattern, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("*.10.0.3.7")]
    [InlineData("*.[::1]")]
    [InlineData("https://mcp.example.com")]
    [InlineData("mcp.example.com:443")]
    [InlineData("mcp.example.com/mcp")]
    [InlineData("mcp example com")]
    public void Anything_else_is_refused_with_an_empty_pattern(string? entry)
    {
        Assert.False(AllowedHostPattern.TryParse(entry, out var parsed));
        Assert.Equal(string.Empty, parsed);
    }
}
