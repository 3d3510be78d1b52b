using QuiltMcp.Orleans.Bench.Load.Hosting;

namespace QuiltMcp.Orleans.Bench.Load.Results;

/// <summary>
/// quilt-mcp with server GC and DATAS next to the same build with workstation GC, on the figures the GC mode is chosen
/// by (issue 17): throughput and tail latency under load, memory per idle session and per principal. Null when no
/// ours+servergc run finished.
/// </summary>
public static class GcModeSummary
{
    private static readonly string ServerGc = ServerKind.OursServerGc.Label();
    private static readonly string Workstation = ServerKind.Ours.Label();

    public static ComparisonTable? Build(IReadOnlyList<RunResult> results)
    {
        var scenarios = results.Where(result => result.Server == ServerGc).Select(result => result.Scenario).Distinct().ToList();
        if (scenarios.Count == 0)
        {
            return null;
        }

        var table = new ComparisonTable("servergc", "workstation");
        foreach (var scenario in scenarios)
        {
            var server = Summary.MedianOf(results.Where(result => result.Scenario == scenario && result.Server == ServerGc).ToList());
            var workstation = Summary.MedianOf(results.Where(result => result.Scenario == scenario && result.Server == Workstation).ToList());
            if (scenario.StartsWith("idle-sessions-", StringComparison.Ordinal))
            {
                table.AddRatio(scenario, "bytes/session", server?.BytesPerSession, workstation?.BytesPerSession, "report");
            }
            else if (scenario.StartsWith("principals-", StringComparison.Ordinal))
            {
                table.AddRatio(scenario, "bytes/principal", server?.BytesPerPrincipal, workstation?.BytesPerPrincipal, "report");
                table.AddRatio(scenario, "near idle after s", server?.NearIdleAfterS, workstation?.NearIdleAfterS, "report");
            }
            else if (scenario == "startup")
            {
                table.AddRatio(scenario, "wall ms to /ready", server?.WallReadyMs, workstation?.WallReadyMs, "report");
            }
            else
            {
                table.AddRatio(scenario, scenario == "session-open" ? "sessions/s" : "requests/s", server?.Rps, workstation?.Rps, "report");
                table.AddRatio(scenario, "p50 ms", server?.P50Ms, workstation?.P50Ms, "report");
                table.AddRatio(scenario, "p99 ms", server?.P99Ms, workstation?.P99Ms, "report");
                table.AddRatio(scenario, "errors", server?.Errors, workstation?.Errors, "0");
            }

            table.AddRatio(scenario, "RSS MB", server?.RssKb / 1024.0, workstation?.RssKb / 1024.0, "report");
        }

        return table;
    }
}
