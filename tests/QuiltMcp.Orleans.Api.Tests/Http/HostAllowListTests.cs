using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Http;
using QuiltMcp.Orleans.Api.Identity.Bearer;

namespace QuiltMcp.Orleans.Api.Tests.Http;

public sealed class HostAllowListTests
{
    private static HostAllowList List(string address = "127.0.0.1", bool development = false, string? resource = null, params string[] allowed) =>
        new(new HttpOptions { AllowedHosts = [.. allowed] }, new ServerOptions { Address = address }, new ProtectedResourceOptions { Resource = resource }, development);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    [InlineData("LocalHost")]
    public void A_loopback_listener_serves_the_loopback_names_on_any_port(string address)
    {
        var list = List(address);

        Assert.Equal(HostAllowList.LoopbackNames, list.Patterns);
        foreach (var host in new[] { "localhost", "localhost:8000", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:65535", "[::1]", "[::1]:8000" })
        {
            Assert.True(list.Allows(new HostString(host)), host);
        }

        foreach (var host in new[] { "evil.example.com", "localhost.evil.example.com", "127.0.0.2", "10.0.0.5:8000", "[::2]", "0.0.0.0" })
        {
            Assert.False(list.Allows(new HostString(host)), host);
        }
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("10.0.3.7")]
    [InlineData("mcp.internal")]
    public void A_public_listener_in_production_serves_only_the_configured_hosts(string address)
    {
        var list = List(address, resource: "https://mcp.example.com/mcp", allowed: ["*.tenant.example.com", "10.0.3.7"]);

        Assert.Equal(["*.tenant.example.com", "10.0.3.7", "mcp.example.com"], list.Patterns);
        Assert.True(list.Allows(new HostString("mcp.example.com")));
        Assert.True(list.Allows(new HostString("a.tenant.example.com:443")));
        Assert.True(list.Allows(new HostString("10.0.3.7:8000")));
        Assert.False(list.Allows(new HostString("tenant.example.com")));
        Assert.False(list.Allows(new HostString("localhost")));
        Assert.False(list.Allows(new HostString("127.0.0.1:8000")));
    }

    [Fact]
    public void Development_adds_the_loopback_names_to_a_public_listener()
    {
        var list = List("0.0.0.0", development: true);

        Assert.Equal(HostAllowList.LoopbackNames, list.Patterns);
        Assert.True(list.Allows(new HostString("localhost:8000")));
        Assert.False(list.Allows(new HostString("evil.example.com")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost:port")]
    [InlineData("localhost:80a")]
    public void A_missing_or_malformed_host_is_never_allowed(string host)
    {
        Assert.False(List().Allows(new HostString(host)));
    }

    [Fact]
    public void A_resource_url_that_is_not_absolute_adds_no_host()
    {
        Assert.Equal(HostAllowList.LoopbackNames, List(resource: "/mcp").Patterns);
    }
}
