using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Testing.Aws.S3;

/// <summary>
/// A recording HTTP proxy in front of an S3 server: every request is recorded (method, bucket, key, and the access key
/// id and session token that signed it) before it is forwarded byte for byte, the request target exactly as sent (no
/// path normalization) and the Host header the client signed. s3rver ignores session tokens, so this is where tests
/// see who signed each request. A request is recorded before its answer leaves, so once a client's call returns,
/// its requests are in <see cref="Requests"/>.
/// </summary>
public sealed class S3RecordingProxy : IAsyncDisposable
{
    /// <summary>Headers about one connection, not the request; the proxy's own connection to the server has its own.</summary>
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Expect", "Host",
    };

    private readonly WebApplication _app;
    private readonly Uri _server;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    });

    private readonly ConcurrentQueue<S3Request> _requests = new();

    private S3RecordingProxy(WebApplication app, Uri url, Uri server)
    {
        _app = app;
        _server = server;
        Url = url;
    }

    /// <summary>Where clients send their S3 requests (no trailing slash, as an S3 service URL).</summary>
    public Uri Url { get; }

    public IReadOnlyList<S3Request> Requests => _requests.ToArray();

    public static async Task<S3RecordingProxy> StartAsync(Uri server)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new S3RecordingProxy(app, new Uri($"http://127.0.0.1:{port}"), server);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        _requests.Enqueue(S3Request.Read(request.Method, target, request.Headers));

        using var forward = new HttpRequestMessage(
            new HttpMethod(request.Method),
            new Uri(_server.GetLeftPart(UriPartial.Authority) + target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        if (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (!HopByHopHeaders.Contains(name) && !forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        forward.Headers.Host = request.Host.Value;
        using var answer = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        var bodyless = answer.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(name) && !(bodyless && name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        if (!bodyless)
        {
            await answer.Content.CopyToAsync(response.Body, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
