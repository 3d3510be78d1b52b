using System.Collections;
using Microsoft.Extensions.Configuration;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Tests.Configuration;

public sealed class LegacyEnvironmentVariablesTests
{
    [Fact]
    public void Seed_variables_map_onto_configuration_keys()
    {
        var environment = new Hashtable
        {
            ["FASTMCP_TRANSPORT"] = "stdio",
            ["FASTMCP_ADDR"] = "0.0.0.0",
            ["FASTMCP_PORT"] = "9001",
            ["QUILT_CATALOG_URL"] = "https://catalog.example.com",
            ["MCP_SERVER_NAME"] = "quilt-prod",
            ["MCP_SERVER_VERSION"] = "1a2b3c4",
            ["LOG_LEVEL"] = "WARNING",
            ["UNRELATED"] = "ignored",
        };

        var configuration = new ConfigurationBuilder().AddLegacyEnvironmentVariables(environment).Build();
        var options = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>()!;

        Assert.Equal("stdio", options.Transport);
        Assert.Equal("0.0.0.0", options.Address);
        Assert.Equal(9001, options.Port);
        Assert.Equal("https://catalog.example.com", options.CatalogUrl);
        Assert.Equal("quilt-prod", options.Name);
        Assert.Equal("1a2b3c4", options.Version);
        Assert.Equal("Warning", configuration["Logging:LogLevel:Default"]);
        Assert.Null(configuration["UNRELATED"]);
    }

    [Fact]
    public void Empty_variables_are_ignored_so_defaults_survive()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Server:Port"] = "8123" })
            .AddLegacyEnvironmentVariables(new Hashtable { ["FASTMCP_PORT"] = "" })
            .Build();
        Assert.Equal("8123", configuration["Server:Port"]);
    }

    [Theory]
    [InlineData("debug", "Debug")]
    [InlineData("INFO", "Information")]
    [InlineData("warn", "Warning")]
    [InlineData("Error", "Error")]
    [InlineData("CRITICAL", "Critical")]
    [InlineData("trace", "Trace")]
    [InlineData("off", "None")]
    [InlineData("Information", "Information")]
    public void Python_log_levels_become_dotnet_levels(string given, string expected)
    {
        Assert.Equal(expected, LegacyEnvironmentVariables.ToDotNetLevel(given));
    }

    [Fact]
    public void The_variable_behind_a_key_can_be_named_in_errors()
    {
        Assert.Equal("FASTMCP_PORT", LegacyEnvironmentVariables.VariableFor("server:port"));
        Assert.Null(LegacyEnvironmentVariables.VariableFor("Server:Nothing"));
    }
}
