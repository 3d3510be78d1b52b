namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>
/// Refuses a metric namespace CloudWatch would drop the EMF lines for: 1-255 printable ASCII characters, not starting
/// with ':' and not in the <c>AWS/</c> namespaces reserved for AWS services. Checked only while EMF lines are written.
/// </summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    private const int MaxNamespaceLength = 255;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        if (!options.EmbeddedMetrics)
        {
            return ValidateOptionsResult.Success;
        }

        var metricNamespace = options.MetricNamespace;
        if (string.IsNullOrEmpty(metricNamespace)
            || metricNamespace.Length > MaxNamespaceLength
            || metricNamespace.StartsWith(':')
            || !metricNamespace.All(c => c is >= ' ' and <= '~'))
        {
            return ValidateOptionsResult.Fail(
                $"{TelemetryOptions.SectionName}:MetricNamespace '{metricNamespace}' must be 1-255 printable ASCII characters not starting with ':'.");
        }

        if (metricNamespace.StartsWith("AWS/", StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"{TelemetryOptions.SectionName}:MetricNamespace '{metricNamespace}' is in the AWS/ namespaces reserved for AWS services; choose another (default QuiltMcp).");
        }

        return ValidateOptionsResult.Success;
    }
}
