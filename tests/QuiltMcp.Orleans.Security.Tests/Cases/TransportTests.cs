using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// What reaches the MCP endpoint before any tool: body size, content type, the JSON-RPC envelope. Each malformed form
/// is refused by the transport and nothing runs.
/// </summary>
public sealed class TransportTests(HostileTarget target) : CorpusTest(target)
{
    [Fact]
    public async Task Hostile_body_over_the_size_limit_is_refused_with_413()
    {
        var token = await Target.QuiltTokenAsync("big-body");
        var items = new JsonArray(Enumerable.Range(0, 3).Select(i => (JsonNode)new JsonObject { ["key"] = $"big-{i}.txt", ["text"] = new string('x', 600_000) }).ToArray());

        var attack = await AttackAsync(Wire.ToolCall(token, "bucket_objects_put", new JsonObject { ["bucket"] = HostileTarget.GrantedBucket, ["items"] = items }), token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, attack.Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/xml")]
    public async Task Hostile_content_type_other_than_json_is_refused(string contentType)
    {
        var token = await Target.QuiltTokenAsync("content-type");
        var request = Wire.Post(token, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", contentType);
        request.Headers.Add("MCP-Protocol-Version", Wire.StatelessRevision);

        var attack = await AttackAsync(request, token);

        Assert.True(attack.Status is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest, $"{attack.Status}: {attack.Body}");
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"tools/call\"")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"tools/list"}""")]
    [InlineData("""{"id":1,"method":"tools/list"}""")]
    public async Task Hostile_malformed_json_rpc_is_refused(string body)
    {
        var token = await Target.QuiltTokenAsync("malformed");
        var request = Wire.Post(token, body);
        request.Headers.Add("MCP-Protocol-Version", Wire.StatelessRevision);

        var attack = await AttackAsync(request, token);

        Assert.True(attack.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotAcceptable or HttpStatusCode.UnsupportedMediaType,
            $"{attack.Status}: {attack.Body}");
    }

    [Fact]
    public async Task Hostile_batch_of_tool_calls_is_refused()
    {
        var token = await Target.QuiltTokenAsync("batch");
        var call = """{"jsonrpc":"2.0","id":ID,"method":"tools/call","params":{"name":"bucket_object_text","arguments":{"s3_uri":"s3://BUCKET/data/readme.txt"}}}"""
            .Replace("BUCKET", HostileTarget.GrantedBucket, StringComparison.Ordinal);
        var batch = "[" + string.Join(",", Enumerable.Range(1, 50).Select(i => call.Replace("ID", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))) + "]";
        var request = Wire.Post(token, batch);
        request.Headers.Add("MCP-Protocol-Version", Wire.SessionRevision);

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.BadRequest, attack.Status);
    }

    [Fact]
    public async Task Hostile_deeply_nested_arguments_are_refused_without_harm()
    {
        var token = await Target.QuiltTokenAsync("nested");
        var nested = new StringBuilder().Insert(0, "[", 5000).Append(']', 5000).ToString();
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"bucket_objects_list","arguments":{"bucket":NESTED}}}"""
            .Replace("NESTED", nested, StringComparison.Ordinal);
        var request = Wire.Post(token, body);
        request.Headers.Add("MCP-Protocol-Version", Wire.SessionRevision);

        var attack = await AttackAsync(request, token);

        Assert.True(attack.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{attack.Status}: {attack.Body}");
        var healthy = await SendAsync(Wire.ToolCall(token, "auth_status", null));
        Assert.Equal(HttpStatusCode.OK, healthy.Status);
    }

    [Fact]
    public async Task Hostile_request_that_does_not_accept_the_mcp_media_types_is_refused()
    {
        var token = await Target.QuiltTokenAsync("accept");
        var request = Wire.ToolCall(token, "auth_status", null);
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("text/html");

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.NotAcceptable, attack.Status);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Hostile_other_methods_are_not_allowed(string method)
    {
        var token = await Target.QuiltTokenAsync("methods");
        var request = Wire.Post(token, "{}");
        request.Method = new HttpMethod(method);

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, attack.Status);
    }

    [Fact]
    public async Task Hostile_oversize_header_block_is_refused_before_authentication()
    {
        var request = Wire.ToolCall(null, "auth_status", null);
        request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 64 * 1024));

        var attack = await AttackAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, attack.Status);
    }
}
