namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>The activity sources and meters of our dependencies that OpenTelemetry subscribes to, by their published names.</summary>
public static class TelemetrySources
{
    /// <summary>The MCP C# SDK's ActivitySource and Meter (MCP semantic conventions: mcp.method.name, gen_ai.tool.name, …).</summary>
    public const string ModelContextProtocol = "Experimental.ModelContextProtocol";

    /// <summary>Orleans' spans for calls to application grains (ours), once activity propagation is on.</summary>
    public const string OrleansApplication = "Microsoft.Orleans.Application";

    /// <summary>Orleans' meter (messaging, activations, membership, …).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";
}
