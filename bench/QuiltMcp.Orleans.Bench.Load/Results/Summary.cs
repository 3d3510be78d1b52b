namespace QuiltMcp.Orleans.Bench.Load.Results;

/// <summary>Which figure of which run goes into which row of the comparison, with the targets of issue 8.</summary>
public static class Summary
{
    private const double MaxBytesPerIdleSession = 10 * 1024;
    private const double MaxReadyMs = 3000;
    private const double MaxBytesPerPrincipal = 3 * 1024;

    public static ComparisonTable Build(IReadOnlyList<RunResult> results)
    {
        var table = new ComparisonTable();
        RunResult? Find(string scenario, string server, int? processes = null) => MedianOf(results.Where(result =>
            result.Scenario == scenario && result.Server == server && (processes is null || result.Processes == processes)).ToList());

        if (Pair("startup") is var (oursStart, baseStart) && (oursStart ?? baseStart) is not null)
        {
            table.AddAbsolute("startup", "wall ms to /ready", oursStart?.WallReadyMs, baseStart?.WallReadyMs, "");
            table.AddAbsolute("startup", "ReadyMs (logged)", oursStart?.ReadyMs, null, "<= 3000", value => value <= MaxReadyMs);
        }

        if (Pair("tools-call-cold") is var (oursCold, baseCold) && (oursCold ?? baseCold) is not null)
        {
            // No target: how fast a freshly started process reaches speed (tiered JIT), for scale-out.
            table.AddRatio("tools-call-cold (first 10 s)", "requests/s", oursCold?.Rps, baseCold?.Rps, "report");
            table.AddRatio("tools-call-cold (first 10 s)", "p99 ms", oursCold?.P99Ms, baseCold?.P99Ms, "report");
        }

        foreach (var scenario in new[] { "tools-call", "tools-call-stateless" })
        {
            if (Pair(scenario) is var (ours, baseline) && (ours ?? baseline) is not null)
            {
                table.AddRatio(scenario, "requests/s", ours?.Rps, baseline?.Rps, ">= 0.8x", ratio => ratio >= 0.8);
                table.AddRatio(scenario, "p99 ms", ours?.P99Ms, baseline?.P99Ms, "<= 1.5x", ratio => ratio <= 1.5);
                table.AddRatio(scenario, "p50 ms", ours?.P50Ms, baseline?.P50Ms, "");
                table.AddRatio(scenario, "errors", ours?.Errors, baseline?.Errors, "0");
            }
        }

        if (Pair("session-open") is var (oursOpen, baseOpen) && (oursOpen ?? baseOpen) is not null)
        {
            table.AddRatio("session-open", "sessions/s", oursOpen?.Rps, baseOpen?.Rps, ">= 0.6x", ratio => ratio >= 0.6);
            table.AddRatio("session-open", "p99 ms", oursOpen?.P99Ms, baseOpen?.P99Ms, "");
        }

        foreach (var idle in results.Where(result => result.Scenario.StartsWith("idle-sessions-", StringComparison.Ordinal)).Select(r => r.Scenario).Distinct())
        {
            var (ours, baseline) = Pair(idle);
            // Past the SDK's MaxIdleSessionCount the oldest sessions are closed, so RSS/opened no longer measures an open session.
            var allAlive = ours?.SessionsAliveSampled is { } sampled && sampled.Split('/') is [var alive, var total] && alive == total;
            table.AddAbsolute(idle, "bytes/session", ours?.BytesPerSession, baseline?.BytesPerSession,
                allAlive ? "<= 10240" : "<= 10240 (not comparable: sessions evicted)",
                allAlive ? value => value <= MaxBytesPerIdleSession : null);
            table.AddAbsolute(idle, "alive sampled", null, null, $"{ours?.SessionsAliveSampled ?? "-"} vs {baseline?.SessionsAliveSampled ?? "-"}");
            table.AddRatio(idle, "sessions opened", ours?.SessionsOpened, baseline?.SessionsOpened, "");
        }

        foreach (var principals in results.Where(result => result.Scenario.StartsWith("principals-", StringComparison.Ordinal)).Select(r => r.Scenario).Distinct())
        {
            // quilt-mcp only (the peers keep nothing per principal); issue 17's target.
            var ours = Find(principals, "ours");
            table.AddAbsolute(principals, "bytes/principal", ours?.BytesPerPrincipal, null, "<= 3072", value => value <= MaxBytesPerPrincipal);
            table.AddAbsolute(principals, "errors", ours?.Errors, null, "0");
            if (ours?.RssSeries is not null)
            {
                table.AddAbsolute(principals, "s until near idle RSS", ours.NearIdleAfterS, null, ours.NearIdleAfterS is null ? "never within the watch" : "bounded, documented");
            }
        }

        if (Find("cluster", "ours", 1) is { } single && Find("cluster", "ours", 2) is { } pair)
        {
            table.AddRatio("cluster (2 procs vs 1)", "requests/s", pair.Rps, single.Rps, "report");
            table.AddRatio("cluster (2 procs vs 1)", "p99 ms", pair.P99Ms, single.P99Ms, "report");
        }

        table.AddAbsolute("sts-calls (issue 4)", "STS calls / 10k requests", null, null, "100 (not measured here)");
        return table;

        (RunResult? Ours, RunResult? Baseline) Pair(string scenario) => (Find(scenario, "ours"), Find(scenario, "baseline"));
    }

    /// <summary>A repeated scenario counts with the median of each latency and rate figure and the sum of its errors.</summary>
    public static RunResult? MedianOf(List<RunResult> runs) => runs.Count switch
    {
        0 => null,
        1 => runs[0],
        _ => runs[0] with
        {
            Rps = Median(runs, run => run.Rps),
            P50Ms = Median(runs, run => run.P50Ms),
            P90Ms = Median(runs, run => run.P90Ms),
            P99Ms = Median(runs, run => run.P99Ms),
            Errors = runs.Sum(run => run.Errors ?? 0),
        },
    };

    private static double? Median(List<RunResult> runs, Func<RunResult, double?> figure)
    {
        var values = runs.Select(figure).OfType<double>().Order().ToList();
        return values.Count == 0 ? null
            : values.Count % 2 == 1 ? values[values.Count / 2]
            : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
