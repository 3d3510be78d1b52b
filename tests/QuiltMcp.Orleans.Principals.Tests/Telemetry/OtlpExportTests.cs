using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task Without_an_otlp_endpoint_no_provider_is_registered_and_grain_calls_carry_no_trace_context()
    {
        await using var sts = await FakeSts.StartAsync();
        await using var server = await PrincipalServer.StartAsync(sts);

        Assert.Null(server.Services.GetService<TracerProvider>());
        Assert.Null(server.Services.GetService<MeterProvider>());
        var grainFilters = server.Services.GetServices<IOutgoingGrainCallFilter>().Select(filter => filter.GetType().Name);
        Assert.DoesNotContain(grainFilters, name => name.Contains("Activity", StringComparison.Ordinal));
        var reply = await McpCalls.CallAsync(server.Http, AuthTools.AuthStatusName, TestTokens.Issue($"quiet-{Guid.NewGuid():N}"));
        Assert.False(reply.IsToolError, reply.Body);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_spans_and_metrics_arrive_at_the_collector_over_http_protobuf()
    {
        await using var sts = await FakeSts.StartAsync();
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var server = await PrincipalServer.StartAsync(sts, new Dictionary<string, string?>
        {
            [OpenTelemetryExport.EndpointVariable] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            [OpenTelemetryExport.ServiceNameVariable] = "quilt-mcp-under-test",
        });

        var grainFilters = server.Services.GetServices<IOutgoingGrainCallFilter>().Select(filter => filter.GetType().Name);
        Assert.Contains(grainFilters, name => name.Contains("Activity", StringComparison.Ordinal));
        var reply = await McpCalls.CallAsync(server.Http, AuthTools.AuthStatusName, TestTokens.Issue($"exported-{Guid.NewGuid():N}"));
        Assert.False(reply.IsToolError, reply.Body);

        await Eventually.TrueAsync(() =>
        {
            server.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
            return Traces(receiver).Any(body => body.Contains("tools/call", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(30), "the tools/call span posted to /v1/traces");
        server.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        Assert.All(receiver.Posts, post => Assert.Equal("application/x-protobuf", post.ContentType));
        var traces = string.Concat(Traces(receiver));
        Assert.Contains(TelemetrySources.ModelContextProtocol, traces);
        Assert.Contains(ToolCallSpanTags.PrincipalId, traces);
        Assert.Contains("quilt-mcp-under-test", traces);
        var metrics = string.Concat(receiver.Posts.Where(post => post.Path == "/v1/metrics").Select(post => Encoding.UTF8.GetString(post.Body)));
        Assert.Contains("quilt_mcp.tool.calls", metrics);
    }

    [Theory]
    [InlineData(null, null, null, null, false, false)]
    [InlineData("http://collector:4318", null, null, null, true, true)]
    [InlineData(null, "http://collector:4318/v1/traces", null, null, true, false)]
    [InlineData(null, null, "http://collector:4318/v1/metrics", null, false, true)]
    [InlineData("http://collector:4318", null, null, "true", false, false)]
    [InlineData("  ", null, null, null, false, false)]
    public void The_standard_variables_decide_which_signals_are_exported(
        string? endpoint, string? tracesEndpoint, string? metricsEndpoint, string? disabled, bool traces, bool metrics)
    {
        var configuration = Configuration(new()
        {
            [OpenTelemetryExport.EndpointVariable] = endpoint,
            [OpenTelemetryExport.TracesEndpointVariable] = tracesEndpoint,
            [OpenTelemetryExport.MetricsEndpointVariable] = metricsEndpoint,
            [OpenTelemetryExport.DisabledVariable] = disabled,
        });

        Assert.Equal(traces, OpenTelemetryExport.ExportsTraces(configuration));
        Assert.Equal(metrics, OpenTelemetryExport.ExportsMetrics(configuration));
    }

    [Theory]
    [InlineData(null, null, "quilt-mcp")]
    [InlineData("ops-name", null, null)]
    [InlineData(null, "deployment.environment=prod, service.name=ops-name", null)]
    [InlineData(null, "deployment.environment=prod", "quilt-mcp")]
    public void The_server_name_is_the_service_name_unless_the_operator_named_one(string? serviceName, string? attributes, string? expected)
    {
        var configuration = Configuration(new()
        {
            [OpenTelemetryExport.ServiceNameVariable] = serviceName,
            [OpenTelemetryExport.ResourceAttributesVariable] = attributes,
        });

        Assert.Equal(expected, OpenTelemetryExport.DefaultServiceName(configuration, "quilt-mcp"));
    }

    private static IEnumerable<string> Traces(OtlpReceiver receiver) =>
        receiver.Posts.Where(post => post.Path == "/v1/traces").Select(post => Encoding.UTF8.GetString(post.Body));

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
