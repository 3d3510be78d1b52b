using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Telemetry;

/// <summary>
/// Writes CloudWatch Embedded Metric Format (EMF) lines: a JSON object with an <c>_aws</c> block that CloudWatch
/// Logs turns into metrics with no SDK or agent. Each line must be a whole log event on its own, which is why it
/// is written directly rather than through the JSON logger (that would wrap it in its own envelope).
/// </summary>
public sealed class EmbeddedMetricWriter
{
    private readonly TextWriter? _output;
    private readonly string _namespace;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public EmbeddedMetricWriter(IOptions<TelemetryOptions> telemetry, IOptions<ServerOptions> server, TimeProvider time)
        : this(
            telemetry.Value.EmbeddedMetrics
                ? (server.Value.TransportKind == ServerTransport.Stdio ? Console.Error : Console.Out)
                : null,
            telemetry.Value.MetricNamespace,
            time)
    {
    }

    internal EmbeddedMetricWriter(TextWriter? output, string metricNamespace, TimeProvider time)
    {
        _output = output;
        _namespace = metricNamespace;
        _time = time;
    }

    /// <summary>One role assumption: counts under RoleAssumptionSuccess / RoleAssumptionFailure, and its latency.</summary>
    public void WriteRoleAssumption(bool succeeded, string? errorCode, TimeSpan duration)
    {
        if (_output is null)
        {
            return;
        }

        var outcome = succeeded ? "RoleAssumptionSuccess" : "RoleAssumptionFailure";
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["_aws"] = new Dictionary<string, object>
            {
                ["Timestamp"] = _time.GetUtcNow().ToUnixTimeMilliseconds(),
                ["CloudWatchMetrics"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["Namespace"] = _namespace,
                        ["Dimensions"] = new[] { new[] { "Outcome" }, new[] { "Outcome", "ErrorCode" } },
                        ["Metrics"] = new[]
                        {
                            new Dictionary<string, string> { ["Name"] = outcome, ["Unit"] = "Count" },
                            new Dictionary<string, string> { ["Name"] = "RoleAssumptionLatency", ["Unit"] = "Milliseconds" },
                        },
                    },
                },
            },
            ["Outcome"] = succeeded ? "success" : "failure",
            ["ErrorCode"] = errorCode ?? "none",
            [outcome] = 1,
            ["RoleAssumptionLatency"] = Math.Round(duration.TotalMilliseconds, 3),
        });

        // One WriteLine per event under a lock, so concurrent assumptions never interleave within a line.
        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }
}
