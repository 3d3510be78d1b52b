using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>
/// The real web host (<see cref="InProcessServer"/>: Kestrel, MCP endpoint, co-hosted silo) with its STS pointed at a
/// fake, every auth-decision log line captured, and an HTTP client for many concurrent callers.
/// </summary>
public sealed class PrincipalServer : IAsyncDisposable
{
    private readonly InProcessServer _server;

    private PrincipalServer(InProcessServer server, FakeLogCollector logs)
    {
        _server = server;
        Logs = logs;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.BaseUri };
    }

    public HttpClient Http { get; }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => _server.Services;

    public static async Task<PrincipalServer> StartAsync(FakeSts sts, IDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:QuiltMcp.AuthDecision"] = "Information",
            ["Logging:LogLevel:QuiltMcp.ToolErrors"] = "Information",
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
        var server = await InProcessServer.CreateAsync(overrides, builder => builder.Logging.AddProvider(new FakeLoggerProvider(logs)));
        return new PrincipalServer(server, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
    }
}
