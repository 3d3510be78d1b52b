namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>
/// Decides from the standard OpenTelemetry variables whether this process exports traces and metrics over OTLP. Nothing
/// of OpenTelemetry is registered unless an endpoint is named, so the embedded default (a laptop, the tests, a desktop
/// client) has no providers, no activity listeners and no exporter threads, and pays nothing for them.
/// </summary>
public static class OpenTelemetryExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string MetricsEndpointVariable = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    public const string DisabledVariable = "OTEL_SDK_DISABLED";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";
    public const string ResourceAttributesVariable = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>Traces are exported when the shared or the traces endpoint is set (and the SDK is not disabled).</summary>
    public static bool ExportsTraces(IConfiguration configuration) =>
        !IsDisabled(configuration) && (IsSet(configuration, EndpointVariable) || IsSet(configuration, TracesEndpointVariable));

    /// <summary>Metrics are exported when the shared or the metrics endpoint is set (and the SDK is not disabled).</summary>
    public static bool ExportsMetrics(IConfiguration configuration) =>
        !IsDisabled(configuration) && (IsSet(configuration, EndpointVariable) || IsSet(configuration, MetricsEndpointVariable));

    /// <summary>
    /// The service name to add to the resource, or null when the operator named the service the standard way
    /// (<c>OTEL_SERVICE_NAME</c>, or <c>service.name</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c>), which the SDK applies itself.
    /// </summary>
    public static string? DefaultServiceName(IConfiguration configuration, string serverName)
    {
        if (IsSet(configuration, ServiceNameVariable))
        {
            return null;
        }

        var attributes = configuration[ResourceAttributesVariable] ?? string.Empty;
        var namesService = attributes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(pair => pair.StartsWith("service.name=", StringComparison.Ordinal));
        return namesService ? null : serverName;
    }

    private static bool IsDisabled(IConfiguration configuration) =>
        string.Equals(configuration[DisabledVariable], "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsSet(IConfiguration configuration, string variable) => !string.IsNullOrWhiteSpace(configuration[variable]);
}
