using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Sessions;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.S3Tools.Tests.Sessions;

/// <summary>
/// The eviction retry runs a request again only when running it twice cannot write twice, and it judges that from the
/// JSON-RPC body, never from the <c>Mcp-Method</c>/<c>Mcp-Name</c> headers the client chose. Writes go to s3rver, whose
/// recording proxy counts every PUT.
/// </summary>
public sealed class SessionEvictionWriteSafetyTests(WriteChurnServer data, ITestOutputHelper output) : IClassFixture<WriteChurnServer>
{
    private const int RetryEvent = 1420;
    private const int NotRepeatedEvent = 1421;
    private const string Read = "auth_status";
    private const string Write = "bucket_objects_put";
    private const string Disguised = "bucket_objects_put, headers say auth_status";
    private const string AuthStatusCall = """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}""";

    /// <summary>What a client would send for a read-only call, on a call that writes.</summary>
    private static readonly Dictionary<string, string> LyingHeaders = new() { ["Mcp-Method"] = "tools/call", ["Mcp-Name"] = "auth_status" };

    [Fact]
    public async Task Calls_that_write_are_never_run_twice_when_their_session_is_closed_under_them_whatever_their_headers_say()
    {
        var token = WriteChurnServer.Token("writer");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = data.Server.BaseUri };
        var churn = new SessionChurn(http, await SessionChurn.OpenSessionsAsync(http, token, 60));

        var calls = await churn.RunAsync(
            number => (number % 3) switch
            {
                0 => new ChurnRequest(Read, AuthStatusCall, token),
                1 => new ChurnRequest(Write, PutCall(number, KeyOf(Write, number)), token),
                _ => new ChurnRequest(Disguised, PutCall(number, KeyOf(Disguised, number)), token, LyingHeaders),
            },
            TimeSpan.FromSeconds(60),
            () => churn.Failed(Write) >= 2 && churn.Failed(Disguised) >= 2 && Retried() >= 2);

        var events = data.Logs.GetSnapshot();
        var retried = Retried();
        var notRepeated = events.Where(e => e.Id.Id == NotRepeatedEvent).ToArray();
        var puts = data.S3.RequestsFor(WriteChurnServer.Bucket).Where(request => request.Method == "PUT")
            .GroupBy(request => request.Key).ToDictionary(group => group.Key, group => group.Count());
        var failedWrites = calls.Where(call => call.Label != Read && !call.Succeeded).ToArray();
        output.WriteLine($"{churn.Calls} calls on 60 sessions over a cap of {WriteChurnServer.Cap}: {churn.Failed(Read)} of the reads failed, "
            + $"{retried} run again; {churn.Failed(Write)} writes and {churn.Failed(Disguised)} writes with auth_status headers failed "
            + $"({SessionChurn.Describe(failedWrites)}), {failedWrites.Count(call => puts.ContainsKey(KeyOf(call.Label, call.Number)))} of them "
            + $"after their PUT reached S3; {notRepeated.Length} logged as not run again");

        // No object was PUT twice, and every write that reported success was PUT exactly once.
        Assert.All(puts, put => Assert.True(put.Value == 1, $"{put.Key} was PUT {put.Value} times"));
        Assert.All(calls.Where(call => call.Label != Read && call.Succeeded), call => Assert.Equal(1, puts.GetValueOrDefault(KeyOf(call.Label, call.Number))));

        // Reads that lost their session ran again, so none failed.
        Assert.Equal(0, churn.Failed(Read));
        Assert.True(retried > 0, "no read lost its session, so the churn proved nothing");

        // The race hit writes, with honest headers and with headers naming a read-only tool; they failed rather than ran again.
        Assert.True(churn.Failed(Write) > 0, "the race never hit a write, so the test proved nothing");
        Assert.True(churn.Failed(Disguised) > 0, "the race never hit a write with auth_status headers, so the test proved nothing");
        Assert.Equal(failedWrites.Length, notRepeated.Length);
        Assert.All(notRepeated, e => Assert.Contains($"(tools/call {Write})", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mcp_Method_and_Mcp_Name_headers_that_disagree_with_the_body_are_ignored_on_a_session_and_refused_without_one()
    {
        using var http = new HttpClient { BaseAddress = data.Server.BaseUri };

        // Sessions belong to revisions up to 2025-11-25, which have no such headers: the SDK does not read them, and the
        // call the body names runs, once.
        var sessionToken = WriteChurnServer.Token("header-session");
        var session = await McpHttp.OpenSessionAsync(http, sessionToken);
        using (var onSession = await McpHttp.PostAsync(http, PutCall(1, "mismatch/session.txt"), sessionToken, session, LyingHeaders))
        {
            Assert.Equal(HttpStatusCode.OK, onSession.StatusCode);
            Assert.Equal(1, Written(await McpHttp.ReadJsonRpcAsync(onSession)));
        }

        Assert.Equal(1, data.PutsOf("mismatch/session.txt"));

        // On 2026-07-28 (no session) SDK 2.4.0 compares both headers with the body and refuses a mismatch before anything
        // runs: no credentials are fetched, nothing is written.
        var statelessToken = WriteChurnServer.Token("header-stateless");
        var body = StatelessPutCall(2, "mismatch/stateless.txt");
        foreach (var (header, value, refusal) in new[]
                 {
                     ("Mcp-Name", "auth_status", "Header mismatch: Mcp-Name header value 'auth_status' does not match body value 'bucket_objects_put'."),
                     ("Mcp-Method", "tools/list", "Header mismatch: Mcp-Method header value 'tools/list' does not match body value 'tools/call'."),
                 })
        {
            using var refused = await McpHttp.PostAsync(http, body, statelessToken, session: null, new Dictionary<string, string> { [header] = value });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var error = (await McpHttp.ReadJsonRpcAsync(refused)).GetProperty("error");
            Assert.Equal(-32020, error.GetProperty("code").GetInt32());
            Assert.Equal(refusal, error.GetProperty("message").GetString());
        }

        Assert.Equal(0, data.PutsOf("mismatch/stateless.txt"));
        Assert.Empty(data.Sts.CallsFor(FakeSts.RoleArn("data-header-stateless")));

        // The same request with headers that match the body is served: the refusals were the headers'.
        using var honest = await McpHttp.PostAsync(http, body, statelessToken, session: null);
        Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
        Assert.Equal(1, Written(await McpHttp.ReadJsonRpcAsync(honest)));
        Assert.Equal(1, data.PutsOf("mismatch/stateless.txt"));
    }

    [Fact]
    public void Of_our_tools_exactly_those_that_write_are_never_run_again()
    {
        var judge = data.Server.Services.GetRequiredService<RepeatableRequests>();
        var tools = data.Server.Services.GetRequiredService<IOptions<McpServerOptions>>().Value.ToolCollection!;

        var neverAgain = tools.Select(tool => tool.ProtocolTool.Name)
            .Where(name => !judge.Judge(JsonDocument.Parse(CallOf(name)).RootElement).MayRepeat)
            .Order(StringComparer.Ordinal);

        Assert.True(tools.Count >= 21, $"only {tools.Count} tools registered");
        Assert.Equal(["bucket_objects_put", "package_create", "package_delete", "package_update"], neverAgain);
    }

    private int Retried() => data.Logs.GetSnapshot().Count(e => e.Id.Id == RetryEvent);

    private static string KeyOf(string label, int number) => $"{(label == Write ? "plain" : "disguised")}/{number:D6}.txt";

    private static int Written(JsonElement answer) =>
        answer.GetProperty("result").GetProperty("structuredContent").GetProperty("written").GetInt32();

    private static string CallOf(string tool) =>
        new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "tools/call", ["params"] = new JsonObject { ["name"] = tool } }.ToJsonString();

    private static string PutCall(int id, string key, JsonObject? meta = null)
    {
        var parameters = new JsonObject
        {
            ["name"] = Write,
            ["arguments"] = new JsonObject
            {
                ["bucket"] = WriteChurnServer.Bucket,
                ["items"] = new JsonArray(new JsonObject { ["key"] = key, ["text"] = $"written by call {id}" }),
            },
        };
        if (meta is not null)
        {
            parameters["_meta"] = meta;
        }

        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "tools/call", ["params"] = parameters }.ToJsonString();
    }

    private static string StatelessPutCall(int id, string key) => PutCall(id, key, new JsonObject
    {
        ["io.modelcontextprotocol/protocolVersion"] = McpHttp.StatelessProtocol,
        ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
        ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "raw", ["version"] = "1" },
    });
}
