using System.Net.Sockets;
using System.Text;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>
/// A session's <c>auth_status</c> call that one process has started but cannot finish until the test releases it: its
/// headers ask <c>Expect: 100-continue</c>, so the server's "100 Continue" proves the request is inside the pipeline
/// (counted as in flight, waiting for its body) without any log or timing; the body is sent only on release.
/// </summary>
public sealed class HeldCall : IDisposable
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    private readonly TcpClient _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _body;

    private HeldCall(TcpClient socket, byte[] body)
    {
        _socket = socket;
        _stream = socket.GetStream();
        _body = body;
    }

    /// <summary>Sends the call's headers to <paramref name="server"/> and returns once the server asked for the body.</summary>
    public static async Task<HeldCall> StartAsync(ServerProcess server, string token, string session)
    {
        var body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":99,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}""");
        var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync("127.0.0.1", server.Port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var call = new HeldCall(socket, body);
        try
        {
            var head = $"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2025-11-25\r\n"
                + $"Mcp-Session-Id: {session}\r\nAuthorization: Bearer {token}\r\n"
                + $"Content-Length: {body.Length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
            await call._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            var interim = await call.ReadHeadAsync();
            if (!interim.StartsWith("HTTP/1.1 100", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Expected 100 Continue from :{server.Port}, got: {interim}");
            }

            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    /// <summary>Sends the body and returns the whole response (status line, headers and body) once the server closed.</summary>
    public async Task<string> ReleaseAsync()
    {
        await _stream.WriteAsync(_body);
        await _stream.FlushAsync();
        using var reader = new StreamReader(_stream, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }

    /// <summary>Reads one response head (up to its blank line) byte by byte, so nothing after it is consumed.</summary>
    private async Task<string> ReadHeadAsync()
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!head.TakeLast(EndOfHead.Length).SequenceEqual(EndOfHead))
        {
            if (await _stream.ReadAsync(one) == 0)
            {
                throw new EndOfStreamException($"The server closed the connection after: {Encoding.ASCII.GetString([.. head])}");
            }

            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. head]);
    }
}
