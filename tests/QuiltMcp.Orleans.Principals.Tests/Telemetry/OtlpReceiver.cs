using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace QuiltMcp.Orleans.Principals.Tests.Telemetry;

/// <summary>
/// The receiving end of OTLP/HTTP (what the ADOT collector sidecar listens on at :4318): keeps every protobuf body
/// posted to <c>/v1/traces</c> and <c>/v1/metrics</c> and answers 200 as a collector does.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly LoopbackEndpoint _endpoint;
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _posts;

    private OtlpReceiver(LoopbackEndpoint endpoint, ConcurrentQueue<(string, string?, byte[])> posts)
    {
        _endpoint = endpoint;
        _posts = posts;
    }

    /// <summary>The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (the exporter appends /v1/traces itself).</summary>
    public string Endpoint => _endpoint.Url.ToString().TrimEnd('/');

    public IReadOnlyList<(string Path, string? ContentType, byte[] Body)> Posts => _posts.ToArray();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var posts = new ConcurrentQueue<(string, string?, byte[])>();
        var endpoint = await LoopbackEndpoint.StartAsync(app =>
        {
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                posts.Enqueue((context.Request.Path.Value!, context.Request.ContentType, body.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
            });
        });
        return new OtlpReceiver(endpoint, posts);
    }

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
