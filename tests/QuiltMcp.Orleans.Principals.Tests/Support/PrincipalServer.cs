using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Silo.Hosting;

namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>
/// The real web host (Kestrel, MCP endpoint, co-hosted silo) on free ports, with its STS pointed at a fake and
/// every auth-decision log line captured.
/// </summary>
public sealed class PrincipalServer : IAsyncDisposable
{
    private PrincipalServer(WebApplication app, int port, FakeLogCollector logs)
    {
        App = app;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
        Logs = logs;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = BaseUri };
    }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<PrincipalServer> StartAsync(
        FakeSts sts,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var port = FreePort.Next();
        var overrides = new Dictionary<string, string?>
        {
            ["Server:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Shutdown:DrainDelay"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:QuiltMcp.AuthDecision"] = "Information",
            ["Auth:Quilt:Secret"] = TestTokens.Secret,
            ["Http:PermitsPerMinute"] = "1000000",
            // Many principals' first requests come from one loopback address; each spends that address's allowance until its token is known valid.
            ["Http:AnonymousPermitsPerMinute"] = "1000000",
            ["Aws:Region"] = AwsTestEnvironment.Region,
            ["Aws:StsServiceUrl"] = sts.Url.ToString(),
            ["Telemetry:EmbeddedMetrics"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var logs = new FakeLogCollector();
        var app = HttpServerHost.Build([], overrides, new ServerOptions { Address = "127.0.0.1", Port = port }, builder =>
        {
            builder.Logging.AddProvider(new FakeLoggerProvider(logs));
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new PrincipalServer(app, port, logs);
    }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
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
