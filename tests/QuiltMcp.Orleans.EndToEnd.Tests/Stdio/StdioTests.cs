using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Stdio;

public sealed class StdioTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Raw_json_rpc_over_stdio_lists_and_calls_tools_with_nothing_else_on_stdout()
    {
        await using var server = await ServerProcess.StartReadyAsync(new ServerProcessOptions
        {
            Transport = ProcessTransport.Stdio,
            Environment = new Dictionary<string, string?> { ["LOG_LEVEL"] = "DEBUG" },
        });
        var process = server.Process;
        await SendAsync(process, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw-stdio","version":"1"}}}""");
        var initialized = await ReadResponseAsync(process, 1);
        Assert.Equal("quilt-mcp", initialized.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());

        await SendAsync(process, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await SendAsync(process, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        var tools = (await ReadResponseAsync(process, 2)).GetProperty("result").GetProperty("tools").EnumerateArray()
            .Select(tool => tool.GetProperty("name").GetString()).ToArray();
        Assert.Contains(AuthTools.AuthStatusName, tools);
        Assert.Contains(AuthTools.UserInfoName, tools);

        await SendAsync(process, """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}""");
        var text = (await ReadResponseAsync(process, 3)).GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
        var status = JsonDocument.Parse(text).RootElement;
        Assert.Equal("desktop-stdio", status.GetProperty("environment").GetString());
        Assert.Equal("local", status.GetProperty("scheme").GetString());
        Assert.Equal($"desktop|{Environment.UserName}", status.GetProperty("principal_id").GetString());

        // Closing stdin is how a desktop client says goodbye: the server must exit cleanly.
        process.StandardInput.Close();
        var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(Timeout);
        AssertOnlyJsonRpc(rest);
        Assert.Equal(0, await server.WaitForExitAsync(Timeout));

        // Logs went to stderr, as JSON lines (debug level was asked for, so there are some).
        var logs = server.ErrorLines.Lines.Where(line => line.Length > 0).ToList();
        Assert.NotEmpty(logs);
        Assert.All(logs, line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("LogLevel", out _)));
    }

    [Fact]
    public async Task Official_csharp_client_over_stdio_sees_the_desktop_principal()
    {
        // The kit starts the process (so a taken silo port means a fresh start, not a failed test); the client speaks
        // MCP over its stdin and stdout, as over any desktop client's pipes.
        await using var server = await ServerProcess.StartReadyAsync(new ServerProcessOptions { Transport = ProcessTransport.Stdio });
        await using var client = await Mcp.ConnectStdioAsync(
            new StreamClientTransport(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream));

        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, tool => tool.Name == AuthTools.UserInfoName);
        var info = await Mcp.CallJsonAsync(client, AuthTools.UserInfoName);
        Assert.Equal(Environment.UserName, info.GetProperty("subject").GetString());
        Assert.Equal("desktop-stdio", info.GetProperty("environment").GetString());
        Assert.True(info.GetProperty("authenticated").GetBoolean());
    }

    internal static async Task SendAsync(System.Diagnostics.Process process, string message)
    {
        await process.StandardInput.WriteLineAsync(message);
        await process.StandardInput.FlushAsync();
    }

    internal static async Task<JsonElement> ReadResponseAsync(System.Diagnostics.Process process, int id)
    {
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(Timeout)
                ?? throw new InvalidOperationException("stdout closed before the response arrived.");
            AssertOnlyJsonRpc(line);
            var message = JsonDocument.Parse(line).RootElement.Clone();
            if (message.TryGetProperty("id", out var messageId) && messageId.ValueKind == JsonValueKind.Number && messageId.GetInt32() == id)
            {
                return message;
            }
        }
    }

    private static void AssertOnlyJsonRpc(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal("2.0", document.RootElement.GetProperty("jsonrpc").GetString());
        }
    }
}
