using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Http;

public sealed class McpHttpTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private static readonly string AliceToken = TestTokens.Issue("alice", "public:read", ["bucket-a", "bucket-b"]);

    private InProcessServer Server => fixture.Server;

    [Fact]
    public async Task Initialize_client_gets_a_session_lists_tools_and_calls_auth_status()
    {
        await using var client = await Mcp.ConnectAsync(Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(AliceToken));

        Assert.False(string.IsNullOrEmpty(client.SessionId));
        Assert.Equal("quilt-mcp", client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, tool => tool.Name == AuthTools.AuthStatusName);
        Assert.Contains(tools, tool => tool.Name == AuthTools.UserInfoName);

        var status = await Mcp.CallJsonAsync(client, AuthTools.AuthStatusName);
        Assert.Equal("web-jwt", status.GetProperty("environment").GetString());
        Assert.True(status.GetProperty("authenticated").GetBoolean());
        Assert.Equal("jwt", status.GetProperty("scheme").GetString());
        Assert.Equal("jwt|quilt-frontend|alice", status.GetProperty("principal_id").GetString());
        Assert.Equal("alice", status.GetProperty("subject").GetString());
        Assert.Equal(["public:read"], status.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, status.GetProperty("bucket_count").GetInt32());
        Assert.DoesNotContain(AliceToken, status.GetRawText());
    }

    [Fact]
    public async Task Auth_status_asked_for_the_catalog_without_one_configured_says_so_instead_of_failing()
    {
        await using var client = await Mcp.ConnectAsync(Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(AliceToken));

        var status = await Mcp.CallJsonAsync(client, AuthTools.AuthStatusName, new Dictionary<string, object?> { ["include_catalog"] = true });

        Assert.Equal("web-jwt", status.GetProperty("environment").GetString());
        Assert.False(status.TryGetProperty("catalog_user", out _));
        Assert.Equal("No Quilt catalog is configured on this server (Catalog:GraphQlUrl), so there is no catalog user to show.",
            status.GetProperty("catalog_note").GetString());
    }

    [Fact]
    public async Task Client_without_initialize_is_served_statelessly()
    {
        await using var client = await Mcp.ConnectAsync(Server.McpUri, protocolVersion: null, TestTokens.BearerHeader(AliceToken));

        Assert.Null(client.SessionId);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, tool => tool.Name == AuthTools.AuthStatusName);
        var status = await Mcp.CallJsonAsync(client, AuthTools.AuthStatusName);
        Assert.Equal("web-jwt", status.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Raw_protocol_initialize_initialized_list_and_call()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };

        using var initialize = await PostAsync(http, null, """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
            """, Authorize);
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        var session = Assert.Single(initialize.Headers.GetValues("Mcp-Session-Id"));
        var initialized = await ReadJsonRpcAsync(initialize);
        Assert.Equal("2025-11-25", initialized.GetProperty("result").GetProperty("protocolVersion").GetString());

        using var notification = await PostAsync(http, session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", Authorize);
        Assert.Equal(HttpStatusCode.Accepted, notification.StatusCode);

        using var list = await PostAsync(http, session, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", Authorize);
        var names = (await ReadJsonRpcAsync(list)).GetProperty("result").GetProperty("tools").EnumerateArray()
            .Select(tool => tool.GetProperty("name").GetString()).ToArray();
        Assert.Contains(AuthTools.AuthStatusName, names);

        using var call = await PostAsync(http, session, """
            {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}
            """, Authorize);
        var result = (await ReadJsonRpcAsync(call)).GetProperty("result");
        Assert.Equal(3, (await ReadJsonRpcAsync(call, cached: true)).GetProperty("id").GetInt32());
        var text = result.GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Equal("jwt|quilt-frontend|alice", JsonDocument.Parse(text).RootElement.GetProperty("principal_id").GetString());
    }

    [Fact]
    public async Task Get_user_info_answers_from_the_principal_grain()
    {
        await using var client = await Mcp.ConnectAsync(Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(AliceToken));

        var info = await Mcp.CallJsonAsync(client, AuthTools.UserInfoName);

        Assert.Equal("jwt|quilt-frontend|alice", info.GetProperty("principal_id").GetString());
        Assert.Equal("web-jwt", info.GetProperty("environment").GetString());
        Assert.Equal(["bucket-a", "bucket-b"], info.GetProperty("buckets").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("S127.0.0.1:", info.GetProperty("served_by").GetString());
        Assert.True(info.GetProperty("principal_active_since").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Concurrent_requests_each_see_only_their_own_context()
    {
        const int Requests = 150;
        using var http = new HttpClient { BaseAddress = Server.BaseUri };

        var results = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            var token = TestTokens.Issue($"user-{i % 50}", i % 2 == 0 ? "public:read" : "");
            using var response = await PostAsync(http, null, StatelessCall(i), request =>
            {
                request.Headers.Add("X-Quilt-User-Id", $"user-{i}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            });
            var seen = JsonDocument.Parse((await ReadJsonRpcAsync(response)).GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!).RootElement;
            return (Expected: $"user-{i}|user-{i % 50}|{i % 2 == 0}",
                Seen: $"{seen.GetProperty("quilt_user_id").GetString()}|{seen.GetProperty("subject").GetString()}|{seen.GetProperty("scopes").GetArrayLength() == 1}");
        }));

        Assert.All(results, result => Assert.Equal(result.Expected, result.Seen));
    }

    [Fact]
    public async Task Malformed_json_rpc_is_refused_and_the_server_keeps_serving()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };

        using var garbage = await PostAsync(http, null, "{ this is not json", Authorize);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        using var after = await PostAsync(http, null, StatelessCall(7), Authorize);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Unknown_tool_gets_a_clear_error()
    {
        await using var client = await Mcp.ConnectAsync(Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(AliceToken));

        var error = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(
            () => client.CallToolAsync("no_such_tool").AsTask());
        Assert.Contains("no_such_tool", error.Message);
    }

    [Fact]
    public async Task Health_endpoints_report_liveness_status_and_readiness()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };

        Assert.Equal("ok", await http.GetStringAsync("/healthz"));

        var health = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("quilt-mcp", health.GetProperty("server").GetString());
        Assert.Equal("streamable-http", health.GetProperty("transport").GetString());
        Assert.Equal("active", health.GetProperty("silo").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("version").GetString()));

        using var ready = await http.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    private static void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AliceToken);

    internal static string StatelessCall(int id) => """
        {"jsonrpc":"2.0","id":ID,"method":"tools/call","params":{"name":"auth_status","arguments":{},
         "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},
                  "io.modelcontextprotocol/clientInfo":{"name":"raw","version":"1"}}}}
        """.Replace("ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The kit's <see cref="McpHttp.PostAsync(HttpClient, string, string?, string?, Action{HttpRequestMessage}?)"/>, with no token unless <paramref name="configure"/> adds one.</summary>
    internal static Task<HttpResponseMessage> PostAsync(HttpClient http, string? session, string body, Action<HttpRequestMessage>? configure = null) =>
        McpHttp.PostAsync(http, body, token: null, session, configure);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpResponseMessage, string> Bodies = [];

    /// <summary>Reads a JSON-RPC message from a JSON or single-event SSE response.</summary>
    internal static async Task<JsonElement> ReadJsonRpcAsync(HttpResponseMessage response, bool cached = false)
    {
        if (!Bodies.TryGetValue(response, out var body))
        {
            body = await response.Content.ReadAsStringAsync();
            Bodies.AddOrUpdate(response, body);
        }

        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? string.Concat(body.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line[5..]))
            : body;
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
