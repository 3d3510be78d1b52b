using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Silo.Hosting;
using QuiltMcp.Orleans.Testing.Tokens;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Testing.Hosting;

/// <summary>
/// The real web host (Kestrel, MCP endpoint, co-hosted silo) started in the test process on free ports, so
/// tests talk to it over real HTTP and coverage sees the server code.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private InProcessServer(WebApplication app, int port)
    {
        App = app;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
    }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public Uri McpUri => new(BaseUri, "/mcp");

    public IServiceProvider Services => App.Services;

    /// <summary>Builds the host; <paramref name="start"/> false leaves starting to the test.</summary>
    public static async Task<InProcessServer> CreateAsync(
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        bool start = true,
        string[]? args = null)
    {
        var port = FreePort.Next();
        var overrides = new Dictionary<string, string?>
        {
            ["Server:Port"] = port.ToString(),
            ["Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["Shutdown:DrainDelay"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:Quilt:Secret"] = TestTokens.Secret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        // The Server section as the launcher reads it before any host exists (its reader is internal to quilt-mcp).
        var server = QuiltConfiguration.Build([], overrides).GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        var app = HttpServerHost.Build(args ?? [], overrides, server, configure);
        var instance = new InProcessServer(app, port);
        if (start)
        {
            await app.StartAsync();
        }

        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
