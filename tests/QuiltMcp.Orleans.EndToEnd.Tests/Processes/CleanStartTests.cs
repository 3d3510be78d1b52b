using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Processes;

/// <summary>
/// A start, a first request and a stop with nothing wrong log nothing at Warning or above, on either transport: an
/// operator who sees a warning should have something to do about it.
/// </summary>
public sealed class CleanStartTests
{
    /// <summary>Bounds a process that hangs; no test here claims a speed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static readonly string[] LoudLevels = ["Warning", "Error", "Critical"];

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task A_clean_start_a_tool_call_and_a_stop_over_http_log_nothing_at_warning_or_above(string environment)
    {
        await using var server = await ServerProcess.StartReadyAsync(ServerProcessDefaults.Http(
            new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = environment }));
        await using (var client = await Mcp.ConnectAsync(server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(TestTokens.Issue("clean-start"))))
        {
            var status = await Mcp.CallJsonAsync(client, AuthTools.AuthStatusName);
            Assert.Equal("web-jwt", status.GetProperty("environment").GetString());
        }

        server.Terminate();

        Assert.Equal(0, await server.WaitForExitAsync(HangGuard));
        AssertNothingLoud(server.OutputLines.Lines.Concat(server.ErrorLines.Lines));
    }

    [Fact]
    public async Task A_clean_start_with_requests_sent_at_once_and_a_stop_over_stdio_log_nothing_at_warning_or_above()
    {
        // A desktop client writes initialize, tools/list and its first tools/call as soon as it has started the process,
        // long before the silo is up: the test does the same, without waiting for the server to say it is ready.
        var server = await PortRetry.RunAsync(StartAndCallAtOnceAsync);
        await using (server)
        {
            Assert.Equal(0, await server.WaitForExitAsync(HangGuard));
            Assert.Contains(server.ErrorLines.Lines, line => JsonLogEvent.Is(line, "QuiltMcp.Orleans.Silo.Hosting.StartupReporter", 1000));
            AssertNothingLoud(server.ErrorLines.Lines);
            // The log is written for people too: "Ctrl+C" as itself, not "Ctrl\u002BC"; each event is still one line of JSON.
            Assert.Contains(server.ErrorLines.Lines, line => line.Contains("Press Ctrl+C to shut down.", StringComparison.Ordinal));
            Assert.All(server.ErrorLines.Lines.Where(line => line.StartsWith('{')), line => System.Text.Json.JsonDocument.Parse(line).Dispose());
        }
    }

    private static async Task<ServerProcess> StartAndCallAtOnceAsync()
    {
        var server = ServerProcess.Start(new ServerProcessOptions { Transport = ProcessTransport.Stdio });
        try
        {
            await using var client = await Mcp.ConnectStdioAsync(
                new StreamClientTransport(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream));
            var tools = await client.ListToolsAsync();
            Assert.Contains(tools, tool => tool.Name == AuthTools.UserInfoName);
            var info = await Mcp.CallJsonAsync(client, AuthTools.UserInfoName);
            Assert.Equal("desktop-stdio", info.GetProperty("environment").GetString());

            // Closing stdin (the client's goodbye) stops the server.
            server.Process.StandardInput.Close();
            return server;
        }
        catch (Exception failure) when (failure is not PortInUseException)
        {
            await server.DisposeAsync();
            if (PortInUseException.IsReportedIn(server.ErrorLines.ToString()))
            {
                throw new PortInUseException($"the server's silo port was taken: {server.ErrorLines}");
            }

            throw;
        }
    }

    private static void AssertNothingLoud(IEnumerable<string> lines)
    {
        var loud = lines
            .Where(line => line.Length > 0)
            .Where(line => !JsonLogEvent.TryParse(line, out var logged) || LoudLevels.Contains(logged.Root.GetProperty("LogLevel").GetString()))
            .ToList();
        Assert.True(loud.Count == 0, "logged at Warning or above (or not as a JSON event):\n" + string.Join('\n', loud));
    }
}
