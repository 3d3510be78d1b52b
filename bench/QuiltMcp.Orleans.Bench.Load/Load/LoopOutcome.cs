namespace QuiltMcp.Orleans.Bench.Load.Load;

/// <summary>What a closed loop measured: completed operations, failures among them, elapsed time, latencies.</summary>
public sealed record LoopOutcome(long Operations, long Errors, TimeSpan Elapsed, LatencySummary Latency, string? FirstError)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Math.Round(Operations / Elapsed.TotalSeconds, 1) : 0;
}
