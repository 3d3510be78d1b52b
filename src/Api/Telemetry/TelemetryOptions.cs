namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>The <c>Telemetry</c> section.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Write CloudWatch Embedded Metric Format lines for role assumptions. On in containers, where stdout goes to
    /// CloudWatch Logs; the lines go to stderr in stdio mode, whose stdout belongs to the MCP protocol.
    /// </summary>
    public bool EmbeddedMetrics { get; set; } = true;

    /// <summary>The CloudWatch metric namespace of those lines.</summary>
    public string MetricNamespace { get; set; } = "QuiltMcp";
}
