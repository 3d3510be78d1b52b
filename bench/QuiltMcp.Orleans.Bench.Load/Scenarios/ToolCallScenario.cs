using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Results;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>Authenticated <c>tools/call</c> throughput and latency on one fresh server process.</summary>
public sealed class ToolCallScenario(BenchServerStarter starter, LoadSettings settings, string? name = null)
{
    /// <summary>How long <c>tools-call-cold</c> measures, starting the moment the server is ready.</summary>
    public static readonly TimeSpan ColdDuration = TimeSpan.FromSeconds(10);

    /// <summary>The first <see cref="ColdDuration"/> of load on a freshly started server, with no warm-up.</summary>
    public static ToolCallScenario Cold(BenchServerStarter starter, LoadSettings settings) =>
        new(starter, settings with { Stateless = false, Warmup = TimeSpan.Zero, Duration = ColdDuration }, "tools-call-cold");

    public string Name => name ?? (settings.Stateless ? "tools-call-stateless" : "tools-call");

    public async Task<RunResult> RunAsync(ServerKind kind)
    {
        await using var server = await starter.StartReadyAsync(kind);
        var outcome = await ToolCallLoad.RunAsync([server.McpUri], settings);
        return Report.FromLoop(Name, kind, outcome, settings, server.RssKb) with { Gc = GcModeProbe.Describe(server.Process.Id) };
    }
}
