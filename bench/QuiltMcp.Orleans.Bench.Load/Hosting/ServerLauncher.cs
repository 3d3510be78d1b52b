using QuiltMcp.Orleans.Tests.Shared;
namespace QuiltMcp.Orleans.Bench.Load.Hosting;

/// <summary>
/// Starts either server with the benchmark settings: its own free ports, warnings-only logging, rate limits out
/// of the way, and (for quilt-mcp) the Production rules with the harness's JWT secret.
/// </summary>
public sealed class ServerLauncher(RepositoryLayout layout)
{
    /// <summary>The HS256 secret quilt-mcp is started with and the harness signs its tokens with (32+ bytes).</summary>
    public const string JwtSecret = "quilt-mcp-bench-secret-0123456789abcdef0123";

    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public async Task<ServerProcess> StartReadyAsync(ServerKind kind, IReadOnlyDictionary<string, string>? extra = null)
    {
        var server = Start(kind, extra);
        try
        {
            await server.WaitUntilReadyAsync(ReadyTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ServerProcess Start(ServerKind kind, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["FASTMCP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["LOG_LEVEL"] = "WARNING",
        };
        if (kind == ServerKind.Ours)
        {
            environment["Cluster__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
            environment["MCP_ENHANCED_JWT_SECRET"] = JwtSecret;
            environment["Http__PermitsPerMinute"] = "100000000";
            environment["Http__AnonymousPermitsPerMinute"] = "100000000";
            environment["Shutdown__DrainDelay"] = "00:00:00";

            // Warnings only, except the one start-up line the harness reads ReadyMs from.
            environment["Logging__LogLevel__QuiltMcp.Orleans.Silo.Hosting.StartupReporter"] = "Information";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var assembly = kind == ServerKind.Ours ? layout.OursAssembly : layout.BaselineAssembly;
        return ServerProcess.Start(assembly, kind, port, environment);
    }
}
