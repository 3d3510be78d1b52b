namespace QuiltMcp.Orleans.Bench.Load.Load;

/// <summary>Percentiles of the latencies of one run, in milliseconds (nearest-rank on the sorted samples).</summary>
public sealed record LatencySummary(double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary From(List<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        samplesMs.Sort();
        return new LatencySummary(Rank(samplesMs, 0.50), Rank(samplesMs, 0.90), Rank(samplesMs, 0.99), samplesMs[^1]);
    }

    private static double Rank(List<double> sorted, double quantile) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)], 3);
}
