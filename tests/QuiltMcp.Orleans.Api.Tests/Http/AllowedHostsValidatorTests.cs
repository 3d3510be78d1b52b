using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Http;
using QuiltMcp.Orleans.Api.Identity.Bearer;

namespace QuiltMcp.Orleans.Api.Tests.Http;

public sealed class AllowedHostsValidatorTests
{
    private static ValidateOptionsResult Validate(bool production, string address, string? resource = null, params string[] allowed) =>
        new AllowedHostsValidator(production, Options.Create(new ServerOptions { Address = address }), Options.Create(new ProtectedResourceOptions { Resource = resource }))
            .Validate(null, new HttpOptions { AllowedHosts = [.. allowed] });

    [Fact]
    public void Production_beyond_loopback_without_any_host_is_refused_with_one_line_naming_the_settings()
    {
        var result = Validate(production: true, "0.0.0.0");

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(
            "Http:AllowedHosts is empty while Server:Address (FASTMCP_ADDR) 0.0.0.0 is not a loopback address: set it to the host name "
            + "clients use (environment variable Http__AllowedHosts__0=mcp.example.com) or set Auth:ProtectedResource:Resource.",
            failure);
    }

    [Theory]
    [InlineData(true, "0.0.0.0", null, "mcp.example.com")]
    [InlineData(true, "0.0.0.0", "https://mcp.example.com/mcp", null)]
    [InlineData(true, "127.0.0.1", null, null)]
    [InlineData(true, "localhost", null, null)]
    [InlineData(false, "0.0.0.0", null, null)]
    public void A_known_public_host_a_loopback_listener_or_development_is_enough(bool production, string address, string? resource, string? allowed)
    {
        Assert.True(Validate(production, address, resource, allowed is null ? [] : [allowed]).Succeeded);
    }

    [Fact]
    public void A_malformed_entry_does_not_count_as_a_configured_host()
    {
        Assert.True(Validate(production: true, "0.0.0.0", resource: null, "https://mcp.example.com").Failed);
    }
}
