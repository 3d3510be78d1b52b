using QuiltMcp.Orleans.Bench.Load.Scenarios;

namespace QuiltMcp.Orleans.Bench.Load.Results;

/// <summary>
/// The data-tool table: each quilt-mcp variant's <c>bucket_object_info</c> next to the direct SDK call it was paired
/// with, and the added p50 against issue 17's target (at most 1 ms). Null when no data-tool run finished.
/// </summary>
public static class DataToolSummary
{
    private const double MaxAddedP50Ms = 1.0;

    public static ComparisonTable? Build(IReadOnlyList<RunResult> results)
    {
        var runs = results.Where(result => result.Scenario == DataToolScenario.Name && result.Server != DataToolScenario.DirectLabel).ToList();
        if (runs.Count == 0)
        {
            return null;
        }

        var table = new ComparisonTable("ours", "direct");
        foreach (var run in runs)
        {
            var name = $"{DataToolScenario.Name} ({run.Server})";
            table.AddAbsolute(name, "added p50 ms", run.AddedP50Ms, null, "<= 1", added => added <= MaxAddedP50Ms);
            table.AddRatio(name, "p50 ms", run.P50Ms, run.DirectP50Ms, "report");
            table.AddRatio(name, "p90 ms", run.P90Ms, run.DirectP90Ms, "report");
            table.AddRatio(name, "p99 ms", run.P99Ms, run.DirectP99Ms, "report");
            table.AddAbsolute(name, "errors", run.Errors, null, "0");
        }

        return table;
    }
}
