namespace QuiltMcp.Orleans.Bench.Load.Results;

/// <summary>
/// The second table of a <c>--telemetry</c> run: quilt-mcp with OTLP export on next to the same build with it off,
/// per load scenario, with the on/off ratio, and what the receiver got so it is visible that export happened.
/// </summary>
public static class TelemetryCostSummary
{
    private const string On = "ours+otlp";
    private const string Off = "ours";

    /// <summary>Null when the run had no ours+otlp results.</summary>
    public static ComparisonTable? Build(IReadOnlyList<RunResult> results)
    {
        var scenarios = results.Where(result => result.Server == On).Select(result => result.Scenario).Distinct().ToList();
        if (scenarios.Count == 0)
        {
            return null;
        }

        var table = new ComparisonTable("otlp on", "otlp off");
        foreach (var scenario in scenarios)
        {
            var on = Summary.MedianOf(results.Where(result => result.Scenario == scenario && result.Server == On).ToList());
            var off = Summary.MedianOf(results.Where(result => result.Scenario == scenario && result.Server == Off).ToList());
            var perSecond = scenario == "session-open" ? "sessions/s" : "requests/s";
            if (scenario == "startup")
            {
                table.AddRatio(scenario, "wall ms to /ready", on?.WallReadyMs, off?.WallReadyMs, "report");
                table.AddRatio(scenario, "ReadyMs (logged)", on?.ReadyMs, off?.ReadyMs, "report");
            }
            else if (on?.Rps is not null || off?.Rps is not null)
            {
                table.AddRatio(scenario, perSecond, on?.Rps, off?.Rps, "report");
                table.AddRatio(scenario, "p50 ms", on?.P50Ms, off?.P50Ms, "report");
                table.AddRatio(scenario, "p99 ms", on?.P99Ms, off?.P99Ms, "report");
                table.AddRatio(scenario, "errors", on?.Errors, off?.Errors, "0");
            }

            table.AddRatio(scenario, "RSS MB", Megabytes(on?.RssKb), Megabytes(off?.RssKb), "report");
            var received = results.Where(result => result.Scenario == scenario && result.Server == On).ToList();
            table.AddAbsolute(scenario, "spans received", received.Sum(result => result.OtlpSpans ?? 0), null,
                $"in {received.Sum(result => result.OtlpTraceExports ?? 0)} trace exports");
            table.AddAbsolute(scenario, "metrics received", received.Sum(result => result.OtlpMetrics ?? 0), null,
                $"in {received.Sum(result => result.OtlpMetricExports ?? 0)} metric exports");
            table.AddAbsolute(scenario, "KB received", received.Sum(result => result.OtlpBytes ?? 0) / 1024.0, null,
                received.Count > 1 ? $"sum of {received.Count} runs" : "");
        }

        return table;
    }

    private static double? Megabytes(long? kilobytes) => kilobytes / 1024.0;
}
