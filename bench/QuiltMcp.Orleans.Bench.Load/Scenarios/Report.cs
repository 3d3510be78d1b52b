using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Load;
using QuiltMcp.Orleans.Bench.Load.Results;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>Turns a closed-loop outcome into the run's JSON line.</summary>
public static class Report
{
    public static string Label(ServerKind kind) => kind.Label();

    public static RunResult FromLoop(string scenario, ServerKind kind, LoopOutcome outcome, LoadSettings settings, long? rssKb, int processes = 1) => new()
    {
        Scenario = scenario,
        Server = Label(kind),
        Mode = settings.Mode,
        Processes = processes,
        Sessions = settings.Stateless ? null : settings.Sessions,
        Concurrency = settings.Concurrency,
        Principals = settings.Principals,
        DurationS = Math.Round(outcome.Elapsed.TotalSeconds, 2),
        Requests = outcome.Operations,
        Errors = outcome.Errors,
        Rps = outcome.PerSecond,
        P50Ms = outcome.Latency.P50Ms,
        P90Ms = outcome.Latency.P90Ms,
        P99Ms = outcome.Latency.P99Ms,
        MaxMs = Math.Round(outcome.Latency.MaxMs, 3),
        RssKb = rssKb,
        FirstError = outcome.FirstError,
    };
}
