using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Conformance;

/// <summary>
/// The built server as a real process on loopback, in Development with anonymous access: the suite's scenarios
/// send no token, and the DNS-rebinding scenario expects 2xx for the server's own localhost Host.
/// </summary>
public sealed class ConformanceServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;

    /// <summary>By name, as the suite requires for its localhost checks.</summary>
    public Uri McpUrl => new($"http://localhost:{_server!.Port}/mcp");

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartReadyAsync(ServerProcessDefaults.Http(new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Auth__AllowAnonymous"] = "true",
        }));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
