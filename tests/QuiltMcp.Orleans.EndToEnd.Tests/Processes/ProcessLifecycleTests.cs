using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Processes;

public sealed class ProcessLifecycleTests
{
    /// <summary>Bounds a process that hangs; no test here claims a speed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const int RequestStartingEvent = 1;
    private static readonly string DrainCategory = typeof(QuiltMcp.Orleans.Api.Health.ShutdownDrain).FullName!;
    private const int DrainingEvent = 1310;
    private const int GaveUpWaitingEvent = 1311;
    private const string StartupReporter = "QuiltMcp.Orleans.Silo.Hosting.StartupReporter";
    private const int ReadyEvent = 1000;

    [Theory]
    [InlineData("FASTMCP_PORT", "abc", "Server:Port", "FASTMCP_PORT")]
    [InlineData("FASTMCP_PORT", "0", "Server:Port", "FASTMCP_PORT")]
    [InlineData("FASTMCP_TRANSPORT", "carrier-pigeon", "Server:Transport", "FASTMCP_TRANSPORT")]
    [InlineData("Shutdown__Timeout", "00:00:00", "Shutdown:Timeout", "positive")]
    [InlineData("Development__LocalS3", "http://127.0.0.1:4568", "Development:LocalS3", "local development only")]
    public async Task Bad_configuration_stops_the_process_with_one_clear_line(string variable, string value, string setting, string detail)
    {
        await using var server = ServerProcess.Start(ServerProcessDefaults.Http(new Dictionary<string, string?> { [variable] = value }));

        var exitCode = await server.WaitForExitAsync(HangGuard);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(server.ErrorLines.Lines, line => line.Length > 0);
        Assert.StartsWith("quilt-mcp: configuration error:", line);
        Assert.Contains(setting, line);
        Assert.Contains(detail, line);
        // Nothing reads like a crash: no "Hosting failed to start" with a stack trace before the line.
        Assert.DoesNotContain(server.OutputLines.Lines, output => output.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)
            || output.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sigterm_during_an_in_flight_call_lets_it_finish_then_exits_zero()
    {
        // The request log tells the test when the server has the request in hand; no guessing how long that takes.
        await using var server = await ServerProcess.StartReadyAsync(ServerProcessDefaults.Http(new Dictionary<string, string?>
        {
            [$"Logging__LogLevel__{HostingDiagnostics}"] = "Information",
        }));

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
        await server.WaitForOutputAsync(IsPostToMcp, HangGuard);

        server.Terminate();

        // No drain delay (the defaults): from this event on, the server only waits for requests in flight.
        var draining = Event(await server.WaitForOutputAsync(line => JsonLogEvent.Is(line, DrainCategory, DrainingEvent), HangGuard));
        Assert.Equal("1", draining.State("InFlight"));
        using (var http = new HttpClient { BaseAddress = server.BaseUri })
        {
            using var ready = await http.GetAsync("/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        await stream.WriteAsync(body.AsMemory(10));
        await stream.FlushAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();

        Assert.True(response.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), $"response: [{response}] stdout: {server.OutputLines}");
        Assert.Contains("principal_id", response);
        Assert.Equal(0, await server.WaitForExitAsync(HangGuard));
    }

    [Fact]
    public async Task Sigterm_with_an_open_session_exits_without_waiting_for_the_session()
    {
        // A shutdown timeout far beyond the hang guard: if the open session held the stop, the exit would not come.
        await using var server = await ServerProcess.StartReadyAsync(ServerProcessDefaults.Http(new Dictionary<string, string?>
        {
            ["Shutdown__Timeout"] = "00:10:00",
        }));
        var client = await Mcp.ConnectAsync(server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(TestTokens.Issue("sigterm")));
        await client.ListToolsAsync();

        server.Terminate();

        var draining = Event(await server.WaitForOutputAsync(line => JsonLogEvent.Is(line, DrainCategory, DrainingEvent), HangGuard));
        Assert.Equal("0", draining.State("InFlight"));
        Assert.Equal(0, await server.WaitForExitAsync(HangGuard));
        Assert.DoesNotContain(server.OutputLines.Lines, line => JsonLogEvent.Is(line, DrainCategory, GaveUpWaitingEvent));
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
        await using var server = await ServerProcess.StartReadyAsync(ServerProcessDefaults.Http());
        var ready = Event(await server.WaitForOutputAsync(line => JsonLogEvent.Is(line, StartupReporter, ReadyEvent), HangGuard));

        Assert.True(long.Parse(ready.State("ReadyMs")!, System.Globalization.CultureInfo.InvariantCulture) > 0, ready.Root.GetRawText());
        var events = server.OutputLines.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Single(events, e => e.GetProperty("EventId").GetInt32() == ReadyEvent);
        Assert.All(events, e => Assert.True(e.TryGetProperty("LogLevel", out _)));

        // No start-up note that we do not run server GC (we run workstation GC on purpose), and nothing at Error.
        Assert.DoesNotContain(events, e => e.GetProperty("Category").GetString() == "Orleans.Runtime.Silo" && e.GetProperty("LogLevel").GetString() == "Warning");
        Assert.DoesNotContain(events, e => e.GetProperty("LogLevel").GetString() is "Error" or "Critical");

        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(HangGuard));
    }

    private static bool IsPostToMcp(string line) =>
        JsonLogEvent.TryParse(line, out var logged) && logged.Category == HostingDiagnostics && logged.EventId == RequestStartingEvent
        && logged.State("Method") == "POST" && logged.State("Path") == "/mcp";

    private static JsonLogEvent Event(string line) =>
        JsonLogEvent.TryParse(line, out var parsed) ? parsed : throw new InvalidOperationException($"not a log event: {line}");
}
