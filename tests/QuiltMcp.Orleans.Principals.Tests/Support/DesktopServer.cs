using System.IO.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Hosting;
using QuiltMcp.Orleans.Silo.Clustering;

namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>
/// The desktop (stdio) server composed exactly as the stdio host composes it (silo, tools, desktop filters), with
/// stdin/stdout replaced by in-memory pipes so it runs in the test process next to an HTTP server, sharing the
/// same AsyncLocal runtime context machinery. The official MCP client talks to it over the pipes.
/// </summary>
public sealed class DesktopServer : IAsyncDisposable
{
    private readonly IHost _host;

    private DesktopServer(IHost host, McpClient client)
    {
        _host = host;
        Client = client;
    }

    public McpClient Client { get; }

    public static async Task<DesktopServer> StartAsync(FakeSts sts, string desktopRoleArn)
    {
        var toServer = new Pipe();
        var fromServer = new Pipe();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Server:Transport"] = "stdio",
            ["Cluster:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aws:Region"] = AwsTestEnvironment.Region,
            ["Aws:StsServiceUrl"] = sts.Url.ToString(),
            ["QUILT_USER_ROLE_ARN"] = desktopRoleArn,
            ["Telemetry:EmbeddedMetrics"] = "false",
        });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));
        builder.Services.AddQuiltMcpStdio(builder.Configuration)
            .WithStreamServerTransport(toServer.Reader.AsStream(), fromServer.Writer.AsStream());
        var host = builder.Build();
        await host.StartAsync();

        var client = await McpClient.CreateAsync(
            new StreamClientTransport(toServer.Writer.AsStream(), fromServer.Reader.AsStream(), null!),
            new McpClientOptions { ClientInfo = new Implementation { Name = "desktop-tests", Version = "1" } });
        return new DesktopServer(host, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
