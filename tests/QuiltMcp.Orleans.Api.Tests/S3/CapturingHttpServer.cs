using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>
/// A bare HTTP/1.1 listener on loopback that records each request line exactly as it arrived (no framework in
/// between to normalize the path) and answers with a fixed response. Used as an S3 endpoint, or as an HTTP proxy
/// to see virtual-hosted requests (the request line then holds the absolute URL).
/// </summary>
public sealed class CapturingHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<string> _requestLines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public CapturingHttpServer(Func<string, string>? respond = null)
    {
        Respond = respond ?? (_ => NotFound);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>S3's answer for a missing key, which the SDK turns into an <c>AmazonS3Exception</c>.</summary>
    public static string NotFound { get; } = Response(404, "Not Found", "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>", "application/xml");

    public Func<string, string> Respond { get; set; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Request lines such as <c>GET /bucket/key HTTP/1.1</c>, in arrival order.</summary>
    public IReadOnlyList<string> RequestLines => _requestLines.ToArray();

    public static string Response(int status, string reason, string body = "", string contentType = "text/plain", string extraHeaders = "") =>
        $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extraHeaders}Connection: close\r\n\r\n{body}";

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(connection));
        }
    }

    private async Task AnswerAsync(TcpClient connection)
    {
        using (connection)
        {
            var stream = connection.GetStream();
            var head = await ReadHeadAsync(stream);
            var requestLine = head.Split("\r\n")[0];
            _requestLines.Enqueue(requestLine);
            var length = head.Split("\r\n")
                .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
                .FirstOrDefault();
            var body = new byte[length];
            var read = 0;
            while (read < length && await stream.ReadAsync(body.AsMemory(read)) is var count and > 0)
            {
                read += count;
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(Respond(requestLine)));
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            head.Add(one[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            {
                break;
            }
        }

        return Encoding.Latin1.GetString(head.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
