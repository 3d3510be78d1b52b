using ModelContextProtocol.Client;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Stdio;

/// <summary>
/// Desktop clients start one stdio server per window: without a configured silo port each one must still start,
/// rather than all but the first failing on the same fixed port.
/// </summary>
public sealed class SideBySideStdioTests
{
    [Fact]
    public async Task Stdio_servers_started_together_without_a_silo_port_all_serve()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [QuiltMcpExecutable.Path, "--transport", "stdio"],
            WorkingDirectory = RepositoryPaths.Root,
            EnvironmentVariables = new Dictionary<string, string?> { ["Cluster__SiloPort"] = null, ["Logging__LogLevel__Default"] = "Warning" },
        }))));
        try
        {
            foreach (var client in clients)
            {
                var tools = await client.ListToolsAsync();
                Assert.Contains(tools, tool => tool.Name == "auth_status");
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
