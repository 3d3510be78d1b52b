using System.Globalization;
using Microsoft.AspNetCore.Builder;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.Silo.Hosting;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>The real web host (Kestrel, MCP endpoint, co-hosted silo) in the test process on free ports.</summary>
public sealed class DataHost : IAsyncDisposable
{
    private DataHost(WebApplication app, int port)
    {
        App = app;
        McpUri = new Uri($"http://127.0.0.1:{port}/mcp");
    }

    public WebApplication App { get; }

    public Uri McpUri { get; }

    public static async Task<DataHost> StartAsync(IDictionary<string, string?> settings)
    {
        var port = FreePort.Next();
        var overrides = new Dictionary<string, string?>
        {
            ["Server:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Cluster:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Shutdown:DrainDelay"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:Quilt:Secret"] = TestTokens.Secret,
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        var app = HttpServerHost.Build([], overrides, new ServerOptions { Address = "127.0.0.1", Port = port });
        await app.StartAsync();
        return new DataHost(app, port);
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
