using QuiltMcp.Orleans.Testing.Processes;
using QuiltMcp.Orleans.Testing.Tokens;

namespace QuiltMcp.Orleans.Bench.Load.Hosting;

/// <summary>
/// Starts either server through the test kit's launcher with the benchmark settings: warnings-only logging (but for
/// the start-up events the launcher turns on, among them the ReadyMs line read here), rate limits out of the way, and
/// (for quilt-mcp) the Production rules with the harness's JWT secret. quilt-mcp runs with OpenTelemetry off unless
/// it is the <see cref="ServerKind.OursWithOtlp"/> variant, which exports to <paramref name="otlpEndpoint"/>.
/// </summary>
public sealed class BenchServerStarter(RepositoryLayout layout, Uri? otlpEndpoint = null)
{
    // Any of these in the harness's own environment would turn export on in the "off" variant and skew the comparison.
    private static readonly string[] OtlpVariables =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SDK_DISABLED",
    ];

    /// <summary>The HS256 secret quilt-mcp is started with and the harness signs its tokens with (32+ bytes).</summary>
    public const string JwtSecret = "quilt-mcp-bench-secret-0123456789abcdef0123";

    private const string StartupReporterCategory = "QuiltMcp.Orleans.Silo.Hosting.StartupReporter";
    private const int ServerReadyEvent = 1000;

    /// <summary>Starts the server and waits for its /ready; a silo port taken meanwhile means a fresh start.</summary>
    public Task<ServerProcess> StartReadyAsync(ServerKind kind, IReadOnlyDictionary<string, string?>? extra = null) =>
        ServerProcess.StartReadyAsync(Options(kind, extra));

    /// <summary>quilt-mcp's own start-to-ready figure (event 1000), logged just after /ready turns 200; null if it never comes.</summary>
    public static async Task<long?> LoggedReadyMsAsync(ServerProcess server, TimeSpan within)
    {
        try
        {
            var line = await server.WaitForOutputAsync(line => JsonLogEvent.Is(line, StartupReporterCategory, ServerReadyEvent), within);
            return JsonLogEvent.TryParse(line, out var ready) && long.TryParse(ready.State("ReadyMs"), out var readyMs) ? readyMs : null;
        }
        catch (Exception exception) when (exception is TimeoutException or EndOfStreamException)
        {
            return null;
        }
    }

    private ServerProcessOptions Options(ServerKind kind, IReadOnlyDictionary<string, string?>? extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["LOG_LEVEL"] = "WARNING",
        };
        if (kind.IsQuiltMcp())
        {
            environment["MCP_ENHANCED_JWT_SECRET"] = JwtSecret;
            environment["Http__PermitsPerMinute"] = "100000000";
            environment["Http__AnonymousPermitsPerMinute"] = "100000000";
            environment["Shutdown__DrainDelay"] = "00:00:00";
            foreach (var variable in OtlpVariables)
            {
                environment[variable] = null;
            }
        }

        if (kind == ServerKind.BaselineWithJwt)
        {
            // What quilt-mcp checks on the harness's token: its HS256 key, the catalog's issuer and audience, lifetime.
            environment["BASELINE_JWT"] = "1";
            environment["BASELINE_JWT_SECRET"] = JwtSecret;
            environment["BASELINE_JWT_ISSUER"] = TestTokens.Issuer;
            environment["BASELINE_JWT_AUDIENCE"] = TestTokens.Audience;
        }

        // Server GC overrides the runtimeconfig (ServerGarbageCollection=false): the web SDK's own default, DATAS included
        // on .NET 10. Every other variant runs its runtimeconfig's mode, whatever the harness's own environment says.
        environment["DOTNET_gcServer"] = kind is ServerKind.BaselineDefaults or ServerKind.OursServerGc ? "1" : null;

        if (kind == ServerKind.OursWithOtlp)
        {
            var endpoint = otlpEndpoint ?? throw new InvalidOperationException("the ours+otlp server needs the harness's OTLP receiver (--telemetry).");
            // The exporter's own defaults otherwise (batch every 5 s, metrics every 60 s): what a deployment pays.
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.ToString().TrimEnd('/');
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var assembly = kind.IsQuiltMcp() ? layout.OursAssembly : layout.BaselineAssembly;
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{kind} server not built: {assembly} (see docs/performance.md for the build command).");
        }

        return new ServerProcessOptions
        {
            Assembly = assembly,
            Environment = environment,
            HasSilo = kind.IsQuiltMcp(),
            // A long run logs a lot even at warning level: keep what an error message needs.
            KeptOutputLines = 200,
            // A tight poll, so the wall-clock start-up figure is accurate to about this.
            ReadyPollInterval = TimeSpan.FromMilliseconds(10),
            // SIGTERM first: a silo leaves its cluster gracefully, as between two ECS deployments.
            StopGrace = TimeSpan.FromSeconds(15),
        };
    }
}
