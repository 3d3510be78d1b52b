namespace QuiltMcp.Orleans.Bench.Load.Telemetry;

/// <summary>What the harness's OTLP receiver took in: export requests (batches), items in them and body bytes per signal.</summary>
public sealed record OtlpReceived(long TraceExports, long Spans, long MetricExports, long Metrics, long Bytes)
{
    public OtlpReceived Minus(OtlpReceived earlier) => new(
        TraceExports - earlier.TraceExports, Spans - earlier.Spans, MetricExports - earlier.MetricExports,
        Metrics - earlier.Metrics, Bytes - earlier.Bytes);
}
