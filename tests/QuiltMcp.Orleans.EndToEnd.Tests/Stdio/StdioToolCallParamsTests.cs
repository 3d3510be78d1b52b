using System.Text.Json;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Stdio;

/// <summary>
/// Raw JSON-RPC over stdio, as a desktop client's pipe carries it: a <c>tools/call</c> whose params cannot be read,
/// or that names no tool, is answered with -32602 (invalid params) saying what to change, logged once at
/// Information on stderr, and the server keeps serving.
/// </summary>
public sealed class StdioToolCallParamsTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private const string ArgumentsMustBeAnObject =
        "The 'arguments' of tools/call must be an object of the tool's arguments by name (for example {\"s3_uri\": \"s3://bucket/key\"}), not ";

    [Fact]
    public async Task Unreadable_tool_calls_get_invalid_params_and_the_server_keeps_serving()
    {
        await using var server = await ServerProcess.StartReadyAsync(new ServerProcessOptions { Transport = ProcessTransport.Stdio });
        var process = server.Process;
        await StdioTests.SendAsync(process, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw-stdio","version":"1"}}}""");
        await StdioTests.ReadResponseAsync(process, 1);
        await StdioTests.SendAsync(process, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        var cases = new (string Params, string Message)[]
        {
            ("""{"name":"auth_status","arguments":5}""", ArgumentsMustBeAnObject + "a number (5)."),
            ("""{"name":"auth_status","arguments":"x"}""", ArgumentsMustBeAnObject + "a string (\"x\")."),
            ("""{"name":"auth_status","arguments":[1]}""", ArgumentsMustBeAnObject + "an array ([1])."),
            ("""{"name":"auth_status","arguments":true}""", ArgumentsMustBeAnObject + "true."),
            ("5", "The params of tools/call must be an object with the tool's 'name' and its 'arguments', not a number (5)."),
            ("""{"name":"no_such_tool","arguments":{}}""", "Unknown tool: 'no_such_tool'. tools/list names the tools this server offers you."),
        };
        var id = 10;
        foreach (var (parameters, message) in cases)
        {
            id++;
            await StdioTests.SendAsync(process, $$"""{"jsonrpc":"2.0","id":{{id}},"method":"tools/call","params":{{parameters}}}""");
            var error = (await StdioTests.ReadResponseAsync(process, id)).GetProperty("error");
            Assert.Equal(-32602, error.GetProperty("code").GetInt32());
            Assert.Equal(message, error.GetProperty("message").GetString());
        }

        await StdioTests.SendAsync(process, """{"jsonrpc":"2.0","id":30,"method":"tools/call"}""");
        Assert.Equal("The params of tools/call are missing: send an object with the tool's 'name' and its 'arguments'.",
            (await StdioTests.ReadResponseAsync(process, 30)).GetProperty("error").GetProperty("message").GetString());

        // Still serving, and a well-formed call runs.
        await StdioTests.SendAsync(process, """{"jsonrpc":"2.0","id":40,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}""");
        var text = (await StdioTests.ReadResponseAsync(process, 40)).GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Equal("desktop-stdio", JsonDocument.Parse(text).RootElement.GetProperty("environment").GetString());

        process.StandardInput.Close();
        Assert.Equal(0, await server.WaitForExitAsync(HangGuard));

        // One Information line per refusal on stderr, nothing louder.
        var events = server.ErrorLines.Lines.Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var refusals = events.Where(e => e.GetProperty("Category").GetString() == "QuiltMcp.ToolCalls").ToList();
        Assert.Equal(cases.Length + 1, refusals.Count);
        Assert.All(refusals, e => Assert.Equal("Information", e.GetProperty("LogLevel").GetString()));
        Assert.DoesNotContain(events, e => e.GetProperty("LogLevel").GetString() is "Warning" or "Error" or "Critical" || e.TryGetProperty("Exception", out _));
    }
}
