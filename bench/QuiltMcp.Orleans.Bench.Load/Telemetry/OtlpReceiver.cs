using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Bench.Load.Telemetry;

/// <summary>
/// The smallest OTLP/HTTP collector that makes export real: answers 200 to <c>POST /v1/traces</c> and <c>/v1/metrics</c>
/// on a loopback port and counts what arrived, so the <c>ours+otlp</c> run pays for serialising and sending every
/// batch, and the table can show that spans did arrive. It keeps nothing but the counts.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _traceExports;
    private long _spans;
    private long _metricExports;
    private long _metrics;
    private long _bytes;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public OtlpReceived Received => new(
        Interlocked.Read(ref _traceExports), Interlocked.Read(ref _spans),
        Interlocked.Read(ref _metricExports), Interlocked.Read(ref _metrics), Interlocked.Read(ref _bytes));

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            var (bytes, items) = await ReadAsync(request);
            receiver.Add(ref receiver._traceExports, ref receiver._spans, bytes, items);
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        receiver._app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            var (bytes, items) = await ReadAsync(request);
            receiver.Add(ref receiver._metricExports, ref receiver._metrics, bytes, items);
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Add(ref long exports, ref long items, long bytes, long count)
    {
        Interlocked.Increment(ref exports);
        Interlocked.Add(ref items, count);
        Interlocked.Add(ref _bytes, bytes);
    }

    /// <summary>Bytes as sent (compressed if the exporter compressed), items counted in the decoded body.</summary>
    private static async Task<(long Bytes, long Items)> ReadAsync(HttpRequest request)
    {
        using var sent = new MemoryStream();
        await request.Body.CopyToAsync(sent);
        var body = sent.ToArray();
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            using var decoded = new MemoryStream();
            await using (var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
            {
                await gzip.CopyToAsync(decoded);
            }

            return (body.Length, OtlpItemCounter.Count(decoded.ToArray()));
        }

        return (body.Length, OtlpItemCounter.Count(body));
    }
}
