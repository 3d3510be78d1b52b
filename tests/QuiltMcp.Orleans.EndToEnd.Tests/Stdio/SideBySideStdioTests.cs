using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Stdio;

/// <summary>
/// Desktop clients start one stdio server per window: without a configured silo port each one must still start,
/// rather than all but the first failing on the same fixed port. Each takes a port of its own, not the default 11111 a
/// development server listens on (on Linux a second listener on a taken port may even start, so serving is not proof).
/// </summary>
public sealed class SideBySideStdioTests
{
    [Fact]
    public async Task Stdio_servers_started_together_without_a_silo_port_all_serve()
    {
        var logs = Enumerable.Range(0, 3).Select(_ => new ConcurrentQueue<string>()).ToArray();
        var clients = await Task.WhenAll(logs.Select(log => McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [QuiltMcpExecutable.Path, "--transport", "stdio"],
            WorkingDirectory = RepositoryPaths.Root,
            EnvironmentVariables = new Dictionary<string, string?> { ["Cluster__SiloPort"] = null },
            StandardErrorLines = log.Enqueue,
        }))));
        try
        {
            foreach (var client in clients)
            {
                var tools = await client.ListToolsAsync();
                Assert.Contains(tools, tool => tool.Name == "auth_status");
            }

            // The start-up line names the silo: "Server ready in … ms on silo S127.0.0.1:<port>:<generation>".
            var ports = logs.Select(log => log.Select(line => Regex.Match(line, @"on silo S127\.0\.0\.1:(\d+):"))
                .Single(match => match.Success).Groups[1].Value).ToList();
            Assert.Equal(3, ports.Distinct().Count());
            Assert.DoesNotContain("11111", ports);
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
