namespace QuiltMcp.Orleans.Bench.Load.Hosting;

public enum ServerKind
{
    /// <summary>quilt-mcp: Orleans silo + authenticated MCP endpoint, OpenTelemetry off (no OTLP variable).</summary>
    Ours,

    /// <summary>The bare ModelContextProtocol.AspNetCore server in bench/.</summary>
    Baseline,

    /// <summary>quilt-mcp exporting traces and metrics over OTLP/HTTP to the harness's own receiver (<c>--telemetry</c>).</summary>
    OursWithOtlp,
}
