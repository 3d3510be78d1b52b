using QuiltMcp.Orleans.Api.Http;

namespace QuiltMcp.Orleans.Api.Tests.Http;

public sealed class HttpOptionsValidatorTests
{
    private readonly HttpOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new HttpOptions()).Succeeded);
    }

    [Theory]
    [InlineData("mcp.example.com")]
    [InlineData("*.example.com")]
    [InlineData("10.0.3.7")]
    [InlineData("[::1]")]
    [InlineData("::1")]
    public void Host_names_wildcard_subdomains_and_addresses_are_accepted(string host)
    {
        Assert.True(_validator.Validate(null, new HttpOptions { AllowedHosts = [host] }).Succeeded);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("https://mcp.example.com")]
    [InlineData("mcp.example.com:443")]
    [InlineData("mcp.example.com/mcp")]
    [InlineData("*.*.example.com")]
    [InlineData("mcp.*.example.com")]
    [InlineData("*.10.0.0.1")]
    [InlineData("bad host")]
    public void Anything_else_is_refused_naming_the_setting(string host)
    {
        var result = _validator.Validate(null, new HttpOptions { AllowedHosts = [host] });

        Assert.True(result.Failed);
        Assert.StartsWith($"Http:AllowedHosts '{host}' is not a host name", Assert.Single(result.Failures));
    }

    [Theory]
    [InlineData("10.0.0.0/16")]
    [InlineData("10.0.3.7")]
    [InlineData("2001:db8::/32")]
    [InlineData("::1")]
    public void Trusted_proxies_are_addresses_or_cidr_blocks(string proxy)
    {
        Assert.True(_validator.Validate(null, new HttpOptions { TrustedProxies = [proxy] }).Succeeded);
    }

    [Theory]
    [InlineData("10.0.0.1/16")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("alb.internal")]
    [InlineData("")]
    public void Other_trusted_proxy_entries_are_refused_naming_the_setting(string proxy)
    {
        var result = _validator.Validate(null, new HttpOptions { TrustedProxies = [proxy] });

        Assert.True(result.Failed);
        Assert.Equal($"Http:TrustedProxies '{proxy}' is not an IP address or CIDR block (10.0.0.0/16).", Assert.Single(result.Failures));
    }
}
