using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Processes;

public sealed class ProcessLifecycleTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("FASTMCP_PORT", "abc", "Server:Port", "FASTMCP_PORT")]
    [InlineData("FASTMCP_PORT", "0", "Server:Port", "FASTMCP_PORT")]
    [InlineData("FASTMCP_TRANSPORT", "carrier-pigeon", "Server:Transport", "FASTMCP_TRANSPORT")]
    [InlineData("Shutdown__Timeout", "00:00:00", "Shutdown:Timeout", "positive")]
    public async Task Bad_configuration_stops_the_process_with_one_clear_line(string variable, string value, string setting, string detail)
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string> { [variable] = value });

        var exitCode = await server.WaitForExitAsync(StartTimeout);

        Assert.Equal(2, exitCode);
        var lines = server.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("quilt-mcp: configuration error:", line);
        Assert.Contains(setting, line);
        Assert.Contains(detail, line);
    }

    [Fact]
    public async Task Sigterm_during_an_in_flight_call_lets_it_finish_then_exits_zero()
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string> { ["Shutdown__DrainDelay"] = "00:00:01" });
        await server.WaitUntilReadyAsync(StartTimeout);

        // A tools/call whose body is still arriving when SIGTERM lands: the request is in flight at the server.
        var body = Encoding.UTF8.GetBytes(Http.McpHttpTests.StatelessCall(42));
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", server.Port);
        var stream = socket.GetStream();
        var head = $"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nContent-Type: application/json\r\n"
            + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\n"
            + $"Mcp-Name: auth_status\r\nAuthorization: Bearer {TestTokens.Issue("sigterm")}\r\n"
            + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, 10));
        await stream.FlushAsync();
        await Task.Delay(300);

        var signalled = Stopwatch.StartNew();
        server.Terminate();
        using (var http = new HttpClient { BaseAddress = server.BaseUri })
        {
            // The signal is handled asynchronously; within the drain window readiness must flip to 503.
            var status = System.Net.HttpStatusCode.OK;
            for (var attempt = 0; attempt < 40 && status == System.Net.HttpStatusCode.OK; attempt++)
            {
                using var ready = await http.GetAsync("/ready");
                status = ready.StatusCode;
                await Task.Delay(20);
            }

            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, status);
        }

        // Finish the body after the drain delay, while the listener is already closing.
        await Task.Delay(1500);
        await stream.WriteAsync(body.AsMemory(10));
        await stream.FlushAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();

        Assert.True(response.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), $"response: [{response}] stdout: {server.StandardOutput}");
        Assert.Contains("principal_id", response);
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(30), $"shutdown took {signalled.Elapsed}");
    }

    [Fact]
    public async Task Sigterm_with_an_open_session_exits_promptly()
    {
        await using var server = ServerProcess.Start();
        await server.WaitUntilReadyAsync(StartTimeout);
        var client = await Mcp.ConnectAsync(new Uri(server.BaseUri, "/mcp"), Mcp.SessionProtocol, TestTokens.BearerHeader(TestTokens.Issue("sigterm")));
        await client.ListToolsAsync();

        var signalled = Stopwatch.StartNew();
        server.Terminate();

        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(10), $"an idle session held shutdown for {signalled.Elapsed}");
        try
        {
            await client.DisposeAsync();
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            // The server is gone; the client's goodbye has nowhere to go.
        }
    }

    [Fact]
    public async Task Logs_are_json_lines_and_report_the_time_to_ready()
    {
        await using var server = ServerProcess.Start();
        await server.WaitUntilReadyAsync(StartTimeout);
        await WaitForAsync(() => server.StandardOutput.Contains("\"ReadyMs\"", StringComparison.Ordinal));

        var events = server.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToArray();
        var ready = Assert.Single(events, e => e.GetProperty("EventId").GetInt32() == 1000);
        var readyMs = ready.GetProperty("State").GetProperty("ReadyMs").GetInt64();
        Assert.InRange(readyMs, 1, 60_000);
        Assert.All(events, e => Assert.True(e.TryGetProperty("LogLevel", out _)));

        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 200 && !condition(); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
