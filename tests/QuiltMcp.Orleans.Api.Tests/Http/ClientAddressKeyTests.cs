using System.Net;
using QuiltMcp.Orleans.Api.Http;

namespace QuiltMcp.Orleans.Api.Tests.Http;

public sealed class ClientAddressKeyTests
{
    [Theory]
    [InlineData("203.0.113.5", "203.0.113.5")]
    [InlineData("::ffff:203.0.113.5", "203.0.113.5")]
    [InlineData("2001:db8:7:9:1::1", "2001:db8:7:9::/64")]
    [InlineData("2001:db8:7:9:ffff:ffff:ffff:ffff", "2001:db8:7:9::/64")]
    [InlineData("2001:db8:7:a::1", "2001:db8:7:a::/64")]
    public void Ipv4_clients_are_keyed_by_address_and_ipv6_clients_by_their_64_prefix(string address, string key)
    {
        Assert.Equal(key, ClientAddressKey.For(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_connection_without_an_address_shares_one_key()
    {
        Assert.Equal("unknown", ClientAddressKey.For(null));
    }
}
