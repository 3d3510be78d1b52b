using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Http;

/// <summary>
/// Raw JSON-RPC over real HTTP: a <c>tools/call</c> whose params cannot be read (non-object arguments, missing or
/// non-object params, a name that is no string) or that names no tool of ours is answered with -32602 (invalid
/// params) saying what to change. Nothing runs (no auth decision, no tool), and the refusal is logged once, at
/// Information, without a stack trace.
/// </summary>
public sealed class ToolCallParamsTests : IAsyncLifetime
{
    private const int RefusedEvent = 1501;
    private const int ToolAuthDecisionEvent = 2000;
    private const string ArgumentsMustBeAnObject =
        "The 'arguments' of tools/call must be an object of the tool's arguments by name (for example {\"s3_uri\": \"s3://bucket/key\"}), not ";

    private readonly FakeLogCollector _logs = new();
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.CreateAsync(
        new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:ModelContextProtocol"] = "Information",
            ["Http:AnonymousPermitsPerMinute"] = "1000000",
        },
        builder => builder.Logging.AddProvider(new FakeLoggerProvider(_logs)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> NonObjectArguments => new()
    {
        { "5", ArgumentsMustBeAnObject + "a number (5)." },
        { "\"x\"", ArgumentsMustBeAnObject + "a string (\"x\")." },
        { "[1]", ArgumentsMustBeAnObject + "an array ([1])." },
        { "true", ArgumentsMustBeAnObject + "true." },
    };

    [Theory]
    [MemberData(nameof(NonObjectArguments))]
    public async Task Non_object_arguments_of_a_stateless_call_get_invalid_params_naming_arguments(string arguments, string message)
    {
        var body = McpHttpTests.StatelessCall(7).Replace("\"arguments\":{}", $"\"arguments\":{arguments}", StringComparison.Ordinal);

        await AssertRefusedAsync(session: null, body, 7, message);
    }

    [Theory]
    [MemberData(nameof(NonObjectArguments))]
    public async Task Non_object_arguments_in_a_session_get_invalid_params_naming_arguments(string arguments, string message)
    {
        var session = await OpenSessionAsync();

        await AssertRefusedAsync(session, $$$"""{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"auth_status","arguments":{{{arguments}}}}}""", 8, message);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":9,"method":"tools/call"}""",
        "The params of tools/call are missing: send an object with the tool's 'name' and its 'arguments'.")]
    [InlineData("""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":5}""",
        "The params of tools/call must be an object with the tool's 'name' and its 'arguments', not a number (5).")]
    [InlineData("""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":[1,2]}""",
        "The params of tools/call must be an object with the tool's 'name' and its 'arguments', not an array ([1,2]).")]
    [InlineData("""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"arguments":{}}}""",
        "The params of tools/call have no 'name': name the tool to call (tools/list names them).")]
    [InlineData("""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":5}}""",
        "The 'name' of tools/call must be a string naming a tool (tools/list names them), not a number (5).")]
    [InlineData("""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":{"tool":"auth_status"}}}""",
        "The 'name' of tools/call must be a string naming a tool (tools/list names them), not an object.")]
    [InlineData("""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":null}}""",
        "The 'name' of tools/call must be a string naming a tool (tools/list names them), not null.")]
    [InlineData("""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}""",
        "Unknown tool: 'no_such_tool'. tools/list names the tools this server offers you.")]
    public async Task Unreadable_params_or_an_unknown_tool_in_a_session_get_invalid_params(string body, string message)
    {
        var session = await OpenSessionAsync();

        await AssertRefusedAsync(session, body, 9, message);
    }

    [Fact]
    public async Task An_unknown_tool_called_statelessly_gets_invalid_params()
    {
        var body = McpHttpTests.StatelessCall(10).Replace("\"auth_status\"", "\"no_such_tool\"", StringComparison.Ordinal);

        await AssertRefusedAsync(session: null, body, 10, "Unknown tool: 'no_such_tool'. tools/list names the tools this server offers you.");
    }

    [Fact]
    public async Task Null_or_absent_arguments_are_no_arguments_and_the_call_runs()
    {
        var session = await OpenSessionAsync();
        using var http = new HttpClient { BaseAddress = _server.BaseUri };

        foreach (var body in new[]
        {
            """{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"auth_status","arguments":null}}""",
            """{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"auth_status"}}""",
        })
        {
            using var response = await McpHttpTests.PostAsync(http, session, body, Authorize);
            var result = (await McpHttpTests.ReadJsonRpcAsync(response)).GetProperty("result");
            Assert.NotEqual(JsonValueKind.True, result.TryGetProperty("isError", out var isError) ? isError.ValueKind : JsonValueKind.False);
            Assert.Contains("\"environment\":\"web-jwt\"", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task AssertRefusedAsync(string? session, string body, int id, string message)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseUri };
        var before = _logs.GetSnapshot().Count;

        using var response = await McpHttpTests.PostAsync(http, session, body, Authorize);

        var answer = await McpHttpTests.ReadJsonRpcAsync(response);
        Assert.Equal(id, answer.GetProperty("id").GetInt32());
        Assert.Equal(-32602, answer.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(message, answer.GetProperty("error").GetProperty("message").GetString());
        Assert.False(answer.TryGetProperty("result", out _));

        // Once at Information, no stack trace anywhere, and nothing behind the check ran.
        var logged = _logs.GetSnapshot().Skip(before).ToList();
        var refusal = Assert.Single(logged, record => record.Id.Id == RefusedEvent);
        Assert.Equal(LogLevel.Information, refusal.Level);
        Assert.Equal($"Refused tools/call request {id}: {message}", refusal.Message);
        Assert.DoesNotContain(logged, record => record.Level >= LogLevel.Warning || record.Exception is not null);
        Assert.DoesNotContain(logged, record => record.Id.Id == ToolAuthDecisionEvent);
    }

    private async Task<string> OpenSessionAsync()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseUri };
        using var initialize = await McpHttpTests.PostAsync(http, null, """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
            """, Authorize);
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        var session = Assert.Single(initialize.Headers.GetValues("Mcp-Session-Id"));
        using var initialized = await McpHttpTests.PostAsync(http, session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", Authorize);
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return session;
    }

    private static void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new("Bearer", TestTokens.Issue("params-tester", "public:read"));
}
