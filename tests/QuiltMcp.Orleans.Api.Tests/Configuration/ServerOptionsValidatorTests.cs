using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Health;

namespace QuiltMcp.Orleans.Api.Tests.Configuration;

public sealed class ServerOptionsValidatorTests
{
    private readonly ServerOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new ServerOptions();
        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal(ServerTransport.StreamableHttp, options.TransportKind);
        Assert.Equal("127.0.0.1", options.Address);
        Assert.Equal(8000, options.Port);
    }

    [Theory]
    [InlineData("streamable-http", ServerTransport.StreamableHttp)]
    [InlineData("http", ServerTransport.StreamableHttp)]
    [InlineData(" STDIO ", ServerTransport.Stdio)]
    public void Seed_transport_names_are_accepted(string name, ServerTransport expected)
    {
        var options = new ServerOptions { Transport = name };
        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal(expected, options.TransportKind);
    }

    [Theory]
    [InlineData(nameof(ServerOptions.Transport), "sse", "Server:Transport (FASTMCP_TRANSPORT) 'sse'")]
    [InlineData(nameof(ServerOptions.Port), "0", "Server:Port (FASTMCP_PORT) 0")]
    [InlineData(nameof(ServerOptions.Port), "70000", "Server:Port (FASTMCP_PORT) 70000")]
    [InlineData(nameof(ServerOptions.Address), "not an address!", "Server:Address (FASTMCP_ADDR)")]
    [InlineData(nameof(ServerOptions.Name), " ", "Server:Name (MCP_SERVER_NAME)")]
    [InlineData(nameof(ServerOptions.CatalogUrl), "ftp://catalog", "Server:CatalogUrl (QUILT_CATALOG_URL)")]
    public void Bad_values_fail_with_a_message_naming_the_setting(string property, string value, string expected)
    {
        var options = new ServerOptions();
        var info = typeof(ServerOptions).GetProperty(property)!;
        info.SetValue(options, info.PropertyType == typeof(int) ? int.Parse(value) : value);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
        Assert.Single(result.Failures!);
    }

    [Fact]
    public void Unknown_transport_cannot_be_read_as_a_kind()
    {
        Assert.Throws<InvalidOperationException>(() => new ServerOptions { Transport = "carrier-pigeon" }.TransportKind);
    }

    [Fact]
    public void Version_defaults_to_the_build_version()
    {
        Assert.Equal(BuildInfo.Version, new ServerOptions().EffectiveVersion);
        Assert.Equal("abc1234", new ServerOptions { Version = "abc1234" }.EffectiveVersion);
    }

    [Theory]
    [InlineData("00:00:01", "00:00:30", true)]
    [InlineData("-00:00:01", "00:00:30", false)]
    [InlineData("00:00:30", "00:00:30", false)]
    [InlineData("00:00:00", "00:00:00", false)]
    public void Shutdown_settings_are_checked(string drain, string timeout, bool valid)
    {
        var options = new ShutdownOptions { DrainDelay = TimeSpan.Parse(drain), Timeout = TimeSpan.Parse(timeout) };
        Assert.Equal(valid, new ShutdownOptionsValidator().Validate(null, options).Succeeded);
    }
}
