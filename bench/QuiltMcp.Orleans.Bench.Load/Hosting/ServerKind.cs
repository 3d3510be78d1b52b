namespace QuiltMcp.Orleans.Bench.Load.Hosting;

public enum ServerKind
{
    /// <summary>quilt-mcp: Orleans silo + authenticated MCP endpoint, OpenTelemetry off (no OTLP variable).</summary>
    Ours,

    /// <summary>The bare ModelContextProtocol.AspNetCore server in bench/.</summary>
    Baseline,

    /// <summary>quilt-mcp exporting traces and metrics over OTLP/HTTP to the harness's own receiver (<c>--telemetry</c>).</summary>
    OursWithOtlp,

    /// <summary>The same baseline build with JwtBearer validating the harness's token and RequireAuthorization on MapMcp.</summary>
    BaselineWithJwt,

    /// <summary>The bare baseline with the web SDK's GC default (server GC, DATAS) instead of quilt-mcp's workstation GC.</summary>
    BaselineDefaults,

    /// <summary>quilt-mcp exactly as <see cref="Ours"/> but with server GC (<c>DOTNET_gcServer=1</c>; .NET 10 adds DATAS), to choose the GC mode by numbers.</summary>
    OursServerGc,
}
