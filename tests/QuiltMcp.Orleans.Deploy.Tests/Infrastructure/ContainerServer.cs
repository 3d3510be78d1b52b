using System.Globalization;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>
/// quilt-mcp run as its own process with the container's settings (FASTMCP_* environment), the way ECS starts it,
/// through the test kit's launcher (which lets it bind a port of its own choosing on loopback).
/// </summary>
public sealed class ContainerServer : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> ContainerSettings = new()
    {
        ["FASTMCP_TRANSPORT"] = "streamable-http",
        ["FASTMCP_ADDR"] = "127.0.0.1",
        ["Shutdown__DrainDelay"] = "00:00:00.2",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        // Injected by ECS from Secrets Manager in production; any 32+ byte secret here.
        ["MCP_ENHANCED_JWT_SECRET"] = "deploy-tests-secret-0123456789abcdefghij",
    };

    private ServerProcess? _server;

    public static string ServerDll => QuiltMcpExecutable.Path;

    public int Port => Server.Port;

    public string McpUrl => Server.McpUri.ToString();

    /// <summary>The container's environment as a command run inside it sees it, FASTMCP_PORT being where the server listens.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>(ContainerSettings)
    {
        ["FASTMCP_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
    };

    private ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>A bearer token from the binary's own <c>token</c> subcommand, signed with the server's secret.</summary>
    public async Task<string> IssueTokenAsync()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [ServerDll, "token", "--sub", "deploy-check", "--ttl", "10m"],
            environment: Environment, timeout: TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"quilt-mcp token failed: {result.Combined}");
        }

        return result.Output.Trim();
    }

    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartReadyAsync(new ServerProcessOptions { Arguments = ["serve"], Environment = ContainerSettings });

    /// <summary>Sends SIGTERM (as ECS does on task stop) and returns the exit code; throws if it did not exit within <paramref name="within"/>.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        Server.Terminate();
        return await Server.WaitForExitAsync(within);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
