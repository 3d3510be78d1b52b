using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Telemetry;

namespace QuiltMcp.Orleans.Principals.Tests.Units;

public sealed class EmbeddedMetricWriterTests
{
    [Fact]
    public void Role_assumptions_become_cloudwatch_embedded_metric_lines()
    {
        var output = new StringWriter();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var writer = new EmbeddedMetricWriter(output, "QuiltMcpTest", time);

        writer.WriteRoleAssumption(succeeded: true, errorCode: null, TimeSpan.FromMilliseconds(42.5));
        writer.WriteRoleAssumption(succeeded: false, errorCode: "AccessDenied", TimeSpan.FromMilliseconds(7));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var success = JsonDocument.Parse(lines[0]).RootElement;
        var directive = success.GetProperty("_aws");
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), directive.GetProperty("Timestamp").GetInt64());
        var metrics = directive.GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("QuiltMcpTest", metrics.GetProperty("Namespace").GetString());
        Assert.Equal(["RoleAssumptionSuccess", "RoleAssumptionLatency"],
            metrics.GetProperty("Metrics").EnumerateArray().Select(metric => metric.GetProperty("Name").GetString()));
        Assert.Equal(1, success.GetProperty("RoleAssumptionSuccess").GetInt32());
        Assert.Equal(42.5, success.GetProperty("RoleAssumptionLatency").GetDouble());

        var failure = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal(1, failure.GetProperty("RoleAssumptionFailure").GetInt32());
        Assert.Equal("AccessDenied", failure.GetProperty("ErrorCode").GetString());
        Assert.Contains(["Outcome", "ErrorCode"], failure.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions")
            .EnumerateArray().Select(set => set.EnumerateArray().Select(name => name.GetString()!).ToArray()));
    }
}
