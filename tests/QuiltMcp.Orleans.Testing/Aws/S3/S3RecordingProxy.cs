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
/// its requests are in <see cref="Requests"/>. A test can make one bucket's requests fail, hang or stall
/// (<see cref="Inject"/>, <see cref="S3Fault"/>), as a failing S3 does.
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
    private readonly ConcurrentQueue<S3Request> _aborted = new();
    private readonly ConcurrentDictionary<string, ActiveFault> _faults = new(StringComparer.Ordinal);

    /// <summary>Ends every held request when the proxy stops, so stopping never waits out a fault's delay.</summary>
    private readonly CancellationTokenSource _stopping = new();

    private LoopbackEndpoint _endpoint = null!;

    private S3RecordingProxy(Uri server) => _server = server;

    /// <summary>Where clients send their S3 requests.</summary>
    public Uri Url => _endpoint.Url;

    public IReadOnlyList<S3Request> Requests => _requests.ToArray();

    /// <summary>Requests whose client went away while the proxy held them (a fault's delay or stalled body).</summary>
    public IReadOnlyList<S3Request> Aborted => _aborted.ToArray();

    /// <summary>Makes the requests for <paramref name="bucket"/> misbehave as <paramref name="fault"/> says until the result is disposed.</summary>
    public IDisposable Inject(string bucket, S3Fault fault)
    {
        var active = new ActiveFault(fault);
        _faults[bucket] = active;
        return new FaultRemoval(() => _faults.TryRemove(new KeyValuePair<string, ActiveFault>(bucket, active)));
    }

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
        var recorded = S3Request.Read(request.Method, target, request.Headers);
        _requests.Enqueue(recorded);
        var fault = _faults.TryGetValue(recorded.Bucket, out var active) && (active.Fault.When?.Invoke(recorded) ?? true) && active.TryTake() ? active.Fault : null;
        using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (fault is not null && fault.Delay != TimeSpan.Zero && !await HoldAsync(fault.Delay, recorded, context, held.Token))
        {
            return;
        }

        if (fault?.Status is { } status)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{fault.ErrorCode}</Code><Message>Injected by the test proxy</Message>"
                + $"<RequestId>{Guid.NewGuid():N}</RequestId></Error>",
                context.RequestAborted);
            return;
        }

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

        if (bodyless)
        {
            return;
        }

        if (fault?.StallBodyAfterBytes is { } sent)
        {
            var start = new byte[sent];
            var body = await answer.Content.ReadAsStreamAsync(context.RequestAborted);
            var read = await body.ReadAtLeastAsync(start, sent, throwOnEndOfStream: false, context.RequestAborted);
            await response.Body.WriteAsync(start.AsMemory(0, read), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            await HoldAsync(Timeout.InfiniteTimeSpan, recorded, context, held.Token);
            return;
        }

        await answer.Content.CopyToAsync(response.Body, context.RequestAborted);
    }

    /// <summary>Holds a request; false (and recorded as aborted) when its client went away meanwhile.</summary>
    private async Task<bool> HoldAsync(TimeSpan delay, S3Request request, HttpContext context, CancellationToken held)
    {
        try
        {
            await Task.Delay(delay, held);
            return true;
        }
        catch (OperationCanceledException)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                _aborted.Enqueue(request);
            }

            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _endpoint.DisposeAsync();
        _upstream.Dispose();
        _stopping.Dispose();
    }

    /// <summary>A fault in force, counting down the requests it still applies to.</summary>
    private sealed class ActiveFault(S3Fault fault)
    {
        private int _remaining = fault.Times ?? int.MaxValue;

        public S3Fault Fault { get; } = fault;

        public bool TryTake() => Interlocked.Decrement(ref _remaining) >= 0;
    }

    private sealed class FaultRemoval(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
