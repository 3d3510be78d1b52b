namespace QuiltMcp.Orleans.Bench.Load.Hosting;

public enum ServerKind
{
    /// <summary>quilt-mcp: Orleans silo + authenticated MCP endpoint.</summary>
    Ours,

    /// <summary>The bare ModelContextProtocol.AspNetCore server in bench/.</summary>
    Baseline,
}
