using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace QuiltMcp.Orleans.Grains.SiloLoss;

/// <summary>
/// Grain calls retried after a silo loss, on the server's <c>QuiltMcp</c> meter: tagged with the method
/// (<c>IPrincipalGrain.GetSnapshotAsync</c>: a handful of values) and outcome=recovered|gave_up.
/// </summary>
public sealed class SiloLossRetryMetrics
{
    /// <summary>The front end's meter name (its <c>QuiltMcpMetrics</c>); the factory hands both the same meter.</summary>
    public const string MeterName = "QuiltMcp";

    private readonly Counter<long> _retried;
    private readonly Histogram<double> _duration;

    public SiloLossRetryMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _retried = meter.CreateCounter<long>("quilt_mcp.grain_calls.retried", "{call}",
            "Grain calls sent again after their silo was lost, tagged method and outcome=recovered|gave_up.");
        _duration = meter.CreateHistogram<double>("quilt_mcp.grain_calls.retried.duration", "ms",
            "From the first attempt of a retried grain call to its result, tagged method and outcome.");
    }

    public void Record(string method, bool recovered, TimeSpan elapsed)
    {
        var tags = new TagList { { "method", method }, { "outcome", recovered ? "recovered" : "gave_up" } };
        _retried.Add(1, tags);
        _duration.Record(elapsed.TotalMilliseconds, tags);
    }
}
