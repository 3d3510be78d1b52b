using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using QuiltMcp.Orleans.Testing.Hosting;

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

    private readonly Uri _server;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    });

    private readonly ConcurrentQueue<S3Request> _requests = new();

    private LoopbackEndpoint _endpoint = null!;

    private S3RecordingProxy(Uri server) => _server = server;

    /// <summary>Where clients send their S3 requests.</summary>
    public Uri Url => _endpoint.Url;

    public IReadOnlyList<S3Request> Requests => _requests.ToArray();

    public static async Task<S3RecordingProxy> StartAsync(Uri server)
    {
        var proxy = new S3RecordingProxy(server);
        proxy._endpoint = await LoopbackEndpoint.StartAsync(app => app.Run(proxy.ForwardAsync), kestrel: kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
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
        await _endpoint.DisposeAsync();
        _upstream.Dispose();
    }
}
