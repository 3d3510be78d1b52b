using System.Net;
using QuiltMcp.Orleans.Api.Http;

namespace QuiltMcp.Orleans.Api.Tests.Http;

/// <summary>Which <c>Http:TrustedProxies</c> entries name a network clearly enough to trust it.</summary>
public sealed class TrustedProxyNetworkTests
{
    [Theory]
    [InlineData("10.0.0.0/16", "10.0.0.0/16")]
    [InlineData(" 10.0.0.0/16 ", "10.0.0.0/16")]
    [InlineData("10.0.3.7", "10.0.3.7/32")]
    [InlineData("10.0.3.7/32", "10.0.3.7/32")]
    [InlineData("10.0.0.128/25", "10.0.0.128/25")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("fd00::/8", "fd00::/8")]
    [InlineData("fd00:0:0:0::/8", "fd00::/8")]
    [InlineData("::1", "::1/128")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    public void A_clear_address_or_block_is_trusted(string entry, string network)
    {
        Assert.True(TrustedProxyNetwork.TryParse(entry, out var parsed));
        Assert.Equal(IPNetwork.Parse(network), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("012.0.3.7")]
    [InlineData("10.0.0.1/16")]
    [InlineData("10.0.0.129/25")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("10.0.0.0/16/1")]
    [InlineData("fd00::1/8")]
    [InlineData("::/129")]
    [InlineData("proxy.internal")]
    public void An_unclear_entry_is_refused(string? entry)
    {
        Assert.False(TrustedProxyNetwork.TryParse(entry, out var parsed));
        Assert.Equal(default, parsed);
    }
}
