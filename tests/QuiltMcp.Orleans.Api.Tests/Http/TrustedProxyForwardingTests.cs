using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using QuiltMcp.Orleans.Api.Http;

namespace QuiltMcp.Orleans.Api.Tests.Http;

public sealed class TrustedProxyForwardingTests
{
    [Fact]
    public void Only_the_configured_proxies_are_trusted_not_the_framework_loopback_default()
    {
        var forwarded = new ForwardedHeadersOptions();
        TrustedProxyForwarding.Configure(forwarded, new HttpOptions { TrustedProxies = ["10.0.0.0/16", "192.0.2.10"] });

        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, forwarded.ForwardedHeaders);
        Assert.Equal(1, forwarded.ForwardLimit);
        Assert.Empty(forwarded.KnownProxies);
        Assert.Equal(2, forwarded.KnownIPNetworks.Count);
        bool Trusted(string address) => forwarded.KnownIPNetworks.Any(network => network.Contains(IPAddress.Parse(address)));
        Assert.True(Trusted("10.0.0.1"));
        Assert.True(Trusted("10.0.255.254"));
        Assert.True(Trusted("192.0.2.10"));
        Assert.False(Trusted("10.1.0.1"));
        Assert.False(Trusted("192.0.2.11"));
        Assert.False(Trusted("127.0.0.1"));
        Assert.False(Trusted("::1"));
    }

    [Fact]
    public void Forwarded_headers_are_used_only_when_a_proxy_is_configured()
    {
        // The middleware believes every peer when its proxy lists are empty, so it must not run at all then.
        Assert.False(TrustedProxyForwarding.IsEnabled(new HttpOptions()));
        Assert.True(TrustedProxyForwarding.IsEnabled(new HttpOptions { TrustedProxies = ["10.0.0.0/16"] }));
    }
}
