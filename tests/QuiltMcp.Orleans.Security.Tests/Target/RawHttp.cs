using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>
/// HTTP/1.1 written byte by byte, for what HttpClient refuses to send (non-ASCII header values, broken framing):
/// an attacker's socket is not that polite.
/// </summary>
public static class RawHttp
{
    /// <summary>A POST to /mcp with these extra header lines (UTF-8 on the wire); returns the status and the raw response.</summary>
    public static async Task<(HttpStatusCode Status, string Response)> PostAsync(Uri baseUri, string body, params string[] headerLines)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseUri.Host, baseUri.Port);
        await using var stream = client.GetStream();
        var content = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append("POST /mcp HTTP/1.1\r\n")
            .Append($"Host: {baseUri.Authority}\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Accept: application/json, text/event-stream\r\n")
            .Append($"Content-Length: {content.Length}\r\n")
            .Append("Connection: close\r\n");
        foreach (var line in headerLines)
        {
            head.Append(line).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()));
        await stream.WriteAsync(content);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return ((HttpStatusCode)status, response);
    }
}
