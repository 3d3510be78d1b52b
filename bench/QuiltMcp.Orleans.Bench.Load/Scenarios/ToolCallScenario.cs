using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Results;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>Authenticated <c>tools/call</c> throughput and latency on one fresh server process.</summary>
public sealed class ToolCallScenario(ServerLauncher launcher, LoadSettings settings)
{
    public string Name => settings.Stateless ? "tools-call-stateless" : "tools-call";

    public async Task<RunResult> RunAsync(ServerKind kind)
    {
        await using var server = await launcher.StartReadyAsync(kind);
        var outcome = await ToolCallLoad.RunAsync([server.McpUri], settings);
        return Report.FromLoop(Name, kind, outcome, settings, server.RssKb);
    }
}
