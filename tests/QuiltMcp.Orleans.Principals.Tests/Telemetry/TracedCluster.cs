using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Telemetry;

/// <summary>
/// Two real web hosts (front end + co-hosted silo each) in this process forming one Orleans cluster, exporting over
/// OTLP/HTTP to an in-test receiver. The first also keeps what it exports in memory for the assertions. Activity
/// sources and meters are process-wide, so that exporter sees the spans of both silos, as a collector would after both
/// tasks exported theirs.
/// </summary>
public sealed class TracedCluster : IAsyncDisposable
{
    private TracedCluster(FakeSts sts, OtlpReceiver receiver, InProcessServer front, InProcessServer back, ExportedItems<System.Diagnostics.Activity> spans, ExportedItems<Metric> metrics)
    {
        Sts = sts;
        Receiver = receiver;
        Front = front;
        Back = back;
        Spans = spans;
        Metrics = metrics;
    }

    public FakeSts Sts { get; }

    public OtlpReceiver Receiver { get; }

    /// <summary>The silo whose front end the test calls (the primary: the other joins through it).</summary>
    public InProcessServer Front { get; }

    public InProcessServer Back { get; }

    /// <summary>Spans exported by the front end's tracer provider (of both silos: sources are process-wide).</summary>
    public ExportedItems<System.Diagnostics.Activity> Spans { get; }

    public ExportedItems<Metric> Metrics { get; }

    public static async Task<TracedCluster> StartAsync()
    {
        var sts = await FakeSts.StartAsync();
        var receiver = await OtlpReceiver.StartAsync();
        var primarySiloPort = FreePort.Next();
        var spans = new ExportedItems<System.Diagnostics.Activity>();
        var metrics = new ExportedItems<Metric>();
        var front = await InProcessServer.CreateAsync(Settings(sts, receiver, primarySiloPort), builder =>
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            builder.Services.ConfigureOpenTelemetryMeterProvider(metering => metering.AddInMemoryExporter(metrics));
        });
        var back = await InProcessServer.CreateAsync(Settings(sts, receiver, FreePort.Next()), builder =>
            builder.Services.Configure<DevelopmentClusterMembershipOptions>(membership =>
                membership.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, primarySiloPort)));
        var cluster = new TracedCluster(sts, receiver, front, back, spans, metrics);
        await cluster.WaitUntilBothSilosAreActiveAsync();
        return cluster;
    }

    /// <summary>Exports everything finished so far (the batch exporter would otherwise wait up to its schedule delay).</summary>
    public void Flush()
    {
        Front.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        Front.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
        Back.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
    }

    private static Dictionary<string, string?> Settings(FakeSts sts, OtlpReceiver receiver, int siloPort) => new()
    {
        ["Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Roles:AccountId"] = FakeSts.AccountId,
        ["Aws:Region"] = AwsTestEnvironment.Region,
        ["Aws:StsServiceUrl"] = sts.Url.ToString(),
        ["Telemetry:EmbeddedMetrics"] = "false",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    private async Task WaitUntilBothSilosAreActiveAsync()
    {
        var views = new[] { Front, Back }.Select(server => server.Services.GetRequiredService<IClusterMembershipService>()).ToArray();
        await Eventually.TrueAsync(
            () => views.All(view => view.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active) == 2),
            TimeSpan.FromSeconds(60),
            "both silos seeing each other as Active");
    }

    public async ValueTask DisposeAsync()
    {
        await Back.DisposeAsync();
        await Front.DisposeAsync();
        await Receiver.DisposeAsync();
        await Sts.DisposeAsync();
    }
}
