using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Results;
using QuiltMcp.Orleans.Bench.Load.Scenarios;
using QuiltMcp.Orleans.Bench.Load.Telemetry;

namespace QuiltMcp.Orleans.Bench.Load;

/// <summary>
/// The one-run comparison: every selected scenario against quilt-mcp and then the baseline, each on a fresh
/// process with the same settings, one JSON line per run, then the side-by-side table. With <c>--telemetry</c> each
/// scenario also runs on quilt-mcp exporting over OTLP to a receiver the harness starts, and a second table puts
/// export on next to export off.
/// </summary>
public sealed class CompareCommand
{
    private static readonly string[] AllScenarios = ["startup", "tools-call-cold", "tools-call", "tools-call-stateless", "session-open", "idle-sessions", "principals", "data-tool", "cluster"];

    private readonly LoadSettings _settings;
    private readonly IReadOnlyList<string> _scenarios;
    private readonly IReadOnlyList<ServerKind> _servers;
    private readonly IReadOnlyList<int> _idleCounts;
    private readonly TimeSpan _idleTimeLimit;
    private readonly IReadOnlyList<int> _principalCounts;
    private readonly TimeSpan _principalTimeLimit;
    private readonly TimeSpan _principalIdleWatch;
    private readonly int _dataConcurrency;
    private readonly int _dataRounds;
    private readonly int _startupRepeats;
    private readonly int _repeats;
    private readonly string? _output;

    public CompareCommand(CommandLineOptions options)
    {
        var quick = options.Flag("quick");
        _settings = LoadArguments.Settings(options, quick);
        _scenarios = options.List("scenarios", string.Join(',', AllScenarios));
        var servers = options.List("servers", "ours,baseline").Select(ParseServer).ToList();
        if (options.Flag("telemetry") && !servers.Contains(ServerKind.OursWithOtlp))
        {
            // Right after the export-off run, so the two quilt-mcp variants see the machine in the same minute.
            servers.Insert(servers.Contains(ServerKind.Ours) ? servers.IndexOf(ServerKind.Ours) + 1 : 0, ServerKind.OursWithOtlp);
        }

        _servers = servers;
        _idleCounts = options.List("idle-sessions", quick ? "2000" : "10000,100000").Select(int.Parse).ToList();
        _idleTimeLimit = options.Seconds("idle-time-limit", TimeSpan.FromSeconds(quick ? 60 : 300));
        _principalCounts = options.List("principal-counts", quick ? "2000" : "10000,100000").Select(int.Parse).ToList();
        _principalTimeLimit = options.Seconds("principal-time-limit", TimeSpan.FromSeconds(quick ? 60 : 300));
        _principalIdleWatch = options.Seconds("principal-idle-watch", TimeSpan.Zero);
        _dataConcurrency = options.Int("data-concurrency", 8);
        _dataRounds = options.Int("data-rounds", 3);
        _startupRepeats = options.Int("startup-repeats", quick ? 2 : 5);
        _repeats = options.Int("repeats", 1);
        _output = options.Text("output", "") is { Length: > 0 } path ? path : null;
        options.RejectUnknown();

        var unknown = _scenarios.Except(AllScenarios).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown scenario(s): {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios)}");
        }
    }

    public async Task<int> RunAsync()
    {
        var layout = RepositoryLayout.Find();
        await using var receiver = _servers.Contains(ServerKind.OursWithOtlp) ? await OtlpReceiver.StartAsync() : null;
        var starter = new BenchServerStarter(layout, receiver?.Endpoint);
        var results = new List<RunResult>();

        foreach (var scenario in _scenarios)
        {
            if (scenario == "cluster")
            {
                if (_servers.Contains(ServerKind.Ours))
                {
                    await RecordAllAsync(results, () => new ClusterScenario(starter, _settings).RunAsync());
                }

                continue;
            }

            // Throughput on a shared 2-core machine drifts by tens of percent between minutes, so load scenarios can
            // be repeated with the servers alternating; the summary then compares medians.
            // principals and data-tool measure quilt-mcp's own memory and added latency: the peers have no grains or data tools.
            var rounds = scenario is "startup" or "idle-sessions" or "principals" or "data-tool" ? 1 : _repeats;
            var servers = scenario is "principals" or "data-tool" ? _servers.Where(server => server.IsQuiltMcp()).ToList() : _servers;
            foreach (var server in Enumerable.Range(0, rounds).SelectMany(_ => servers))
            {
                switch (scenario)
                {
                    case "startup":
                        await RecordAsync(results, receiver, () => new StartupScenario(starter, _startupRepeats).RunAsync(server));
                        break;
                    case "tools-call-cold":
                        await RecordAsync(results, receiver, () => ToolCallScenario.Cold(starter, _settings).RunAsync(server));
                        break;
                    case "tools-call":
                        await RecordAsync(results, receiver, () => new ToolCallScenario(starter, _settings with { Stateless = false }).RunAsync(server));
                        break;
                    case "tools-call-stateless":
                        await RecordAsync(results, receiver, () => new ToolCallScenario(starter, _settings with { Stateless = true }).RunAsync(server));
                        break;
                    case "session-open":
                        await RecordAsync(results, receiver, () => new SessionOpenScenario(starter, _settings).RunAsync(server));
                        break;
                    case "idle-sessions":
                        foreach (var count in _idleCounts)
                        {
                            await RecordAsync(results, receiver, () => new IdleSessionScenario(starter, _settings, count, _idleTimeLimit).RunAsync(server));
                        }

                        break;
                    case "principals":
                        foreach (var count in _principalCounts)
                        {
                            await RecordAsync(results, receiver, () => new PrincipalScenario(starter, _settings, count, _principalTimeLimit, _principalIdleWatch).RunAsync(server));
                        }

                        break;
                    case "data-tool":
                        await RecordAllAsync(results, () => new DataToolScenario(starter, _settings, _dataConcurrency, _dataRounds).RunAsync(server));
                        break;
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(Summary.Build(results).Render());
        if (TelemetryCostSummary.Build(results) is { } telemetry)
        {
            Console.WriteLine("Telemetry cost: quilt-mcp with OTLP export on (ours+otlp) vs off (ours), ratio on/off");
            Console.WriteLine(telemetry.Render());
        }

        if (DataToolSummary.Build(results) is { } data)
        {
            Console.WriteLine("Data tool (issue 17): bucket_object_info on quilt-mcp vs GetObjectMetadataAsync direct from the harness (direct-s3)");
            Console.WriteLine(data.Render());
        }

        if (GcModeSummary.Build(results) is { } gc)
        {
            Console.WriteLine("GC mode: quilt-mcp with server GC + DATAS (ours+servergc) vs workstation GC (ours), ratio servergc/ours");
            Console.WriteLine(gc.Render());
        }

        if (PeerSummary.Build(results) is { } peers)
        {
            Console.WriteLine("Peers (issue 17): quilt-mcp vs the SDK plus JwtBearer (sdk+jwt) and the SDK with its own GC default (baseline-defaults)");
            Console.WriteLine(peers.Render());
        }

        return 0;
    }

    /// <summary>
    /// One run; an ours+otlp result also carries what the receiver got meanwhile. The scenario stops its server before
    /// it returns, and a stopping server flushes its exporters, so the last batch is counted too.
    /// </summary>
    private async Task RecordAsync(List<RunResult> results, OtlpReceiver? receiver, Func<Task<RunResult>> run) =>
        await RecordAllAsync(results, async () =>
        {
            var before = receiver?.Received;
            var result = await run();
            if (result.Server != ServerKind.OursWithOtlp.Label() || receiver is null || before is null)
            {
                return [result];
            }

            var received = receiver.Received.Minus(before);
            return [result with
            {
                OtlpTraceExports = received.TraceExports,
                OtlpSpans = received.Spans,
                OtlpMetricExports = received.MetricExports,
                OtlpMetrics = received.Metrics,
                OtlpBytes = received.Bytes,
            }];
        });

    /// <summary>A scenario that fails is reported and the run goes on with the next one.</summary>
    private async Task RecordAllAsync(List<RunResult> results, Func<Task<IReadOnlyList<RunResult>>> run)
    {
        try
        {
            foreach (var result in await run())
            {
                results.Add(result);
                Emit(result.ToJsonLine());
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"scenario failed: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private void Emit(string line)
    {
        Console.WriteLine(line);
        if (_output is not null)
        {
            File.AppendAllLines(_output, [line]);
        }
    }

    private static ServerKind ParseServer(string name) =>
        ServerKindExtensions.All.Where(kind => kind.Label() == name).Cast<ServerKind?>().FirstOrDefault()
            ?? throw new ArgumentException($"unknown server '{name}' ({string.Join(", ", ServerKindExtensions.All.Select(known => known.Label()))})");
}
