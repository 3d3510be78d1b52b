using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Sessions;
using Xunit;

namespace QuiltMcp.Orleans.Api.Tests.Sessions;

/// <summary>
/// Which messages may run twice, judged from the JSON-RPC body: methods that read, and calls of tools annotated
/// read-only. Tools here carry the annotation shapes our own tools use: read-only; writing but marked idempotent (as
/// bucket_objects_put); writing (as package_create); and none at all.
/// </summary>
public sealed class RepeatableRequestsTests
{
    private readonly RepeatableRequests _judge = new(Options.Create(new McpServerOptions
    {
        ToolCollection =
        [
            Tool("look", readOnly: true, idempotent: true),
            Tool("overwrite", readOnly: false, idempotent: true, destructive: true),
            Tool("publish", readOnly: false, idempotent: false),
            Tool("unannotated", readOnly: null, idempotent: null),
        ],
    }));

    [Theory]
    [InlineData("ping")]
    [InlineData("tools/list")]
    [InlineData("prompts/list")]
    [InlineData("prompts/get")]
    [InlineData("resources/list")]
    [InlineData("resources/templates/list")]
    [InlineData("resources/read")]
    [InlineData("completion/complete")]
    [InlineData("notifications/initialized")]
    public void Methods_that_only_read_may_repeat(string method) =>
        Assert.Equal(new RequestRepeat(true, method), _judge.Judge(Parse($$$"""{"jsonrpc":"2.0","id":1,"method":"{{{method}}}","params":{}}""")));

    [Fact]
    public void A_call_of_a_read_only_tool_may_repeat() =>
        Assert.Equal(new RequestRepeat(true, "tools/call look"), _judge.Judge(Call("look")));

    [Theory]
    [InlineData("overwrite")]
    [InlineData("publish")]
    [InlineData("unannotated")]
    public void A_call_of_any_tool_not_annotated_read_only_never_repeats(string tool) =>
        Assert.Equal(new RequestRepeat(false, $"tools/call {tool}"), _judge.Judge(Call(tool)));

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"delete_everything"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":["look"]}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"arguments":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"look"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call"}""")]
    // Since SDK 2.4.0 protocol properties are read with their exact casing, so "Name" names no tool.
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"Name":"look"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"Method":"tools/list"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"logging/setLevel","params":{"level":"debug"}}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":7}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{}}""")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]""")]
    [InlineData("\"tools/list\"")]
    public void Anything_else_never_repeats_and_is_named_without_the_client_s_words(string body) =>
        Assert.Equal(RequestRepeat.Unrecognised, _judge.Judge(Parse(body)));

    [Theory]
    [InlineData("look", "publish", false)]
    [InlineData("publish", "look", true)]
    public async Task The_body_decides_whatever_the_Mcp_Method_and_Mcp_Name_headers_say(string headerTool, string bodyTool, bool mayRepeat)
    {
        var request = Request(CallBody(bodyTool));
        request.Headers["Mcp-Method"] = "tools/call";
        request.Headers["Mcp-Name"] = headerTool;

        var judged = await _judge.JudgeAsync(request);

        Assert.Equal(new RequestRepeat(mayRepeat, $"tools/call {bodyTool}"), judged);
    }

    [Theory]
    // The SDK could read either name; which one it takes is not this class's to guess.
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"look","name":"publish"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"publish","name":"look"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","method":"tools/call","params":{"name":"publish"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"look"}""")]
    [InlineData("")]
    public async Task A_body_with_a_property_twice_or_that_is_not_JSON_never_repeats_and_is_left_for_the_SDK_to_read(string body)
    {
        var request = Request(body);

        Assert.Equal(RequestRepeat.Unrecognised, await _judge.JudgeAsync(request));
        Assert.Equal(0, request.Body.Position);
        Assert.Equal(body, await new StreamReader(request.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task The_body_is_rewound_for_the_SDK_after_a_judgement()
    {
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"look"}}""";
        var request = Request(body);

        Assert.True((await _judge.JudgeAsync(request)).MayRepeat);
        Assert.Equal(body, await new StreamReader(request.Body).ReadToEndAsync());
    }

    [Fact]
    public void Without_any_tools_no_call_repeats() =>
        Assert.Equal(RequestRepeat.Unrecognised, new RepeatableRequests(Options.Create(new McpServerOptions())).Judge(Call("look")));

    private static McpServerTool Tool(string name, bool? readOnly, bool? idempotent, bool? destructive = null) =>
        McpServerTool.Create(() => "done", new McpServerToolCreateOptions
        {
            Name = name,
            ReadOnly = readOnly,
            Idempotent = idempotent,
            Destructive = destructive,
        });

    private static JsonElement Call(string tool) => Parse(CallBody(tool));

    private static string CallBody(string tool) =>
        """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":""" + JsonSerializer.Serialize(tool) + ""","arguments":{}}}""";

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static HttpRequest Request(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }
}
