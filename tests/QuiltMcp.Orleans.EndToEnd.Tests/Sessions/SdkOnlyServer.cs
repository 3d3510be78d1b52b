using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>
/// The MCP SDK's Streamable HTTP transport with nothing of ours in front of it: sessions for initialize clients, a cap
/// on idle sessions, <see cref="RememberedSessions"/> to rebuild closed ones, and one read-only tool, <c>echo</c>. It
/// shows what the SDK itself does when it closes a session a request is using.
/// </summary>
internal sealed class SdkOnlyServer : IAsyncDisposable
{
    public const string Tool = "echo";

    private readonly WebApplication _app;

    private SdkOnlyServer(WebApplication app, int port)
    {
        _app = app;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseUri { get; }

    public static async Task<SdkOnlyServer> StartAsync(int maxIdleSessionCount)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton<ISessionMigrationHandler, RememberedSessions>();
        builder.Services.AddMcpServer()
            .WithHttpTransport(transport =>
            {
                transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCP9006 // session settings are what this server is for
                transport.MaxIdleSessionCount = maxIdleSessionCount;
#pragma warning restore MCP9006
            })
            .WithTools([McpServerTool.Create(() => "pong", new McpServerToolCreateOptions { Name = Tool, ReadOnly = true })]);
        var app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync();
        return new SdkOnlyServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
