using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Http;

/// <summary>
/// The caller of each MCP request comes from the message the request delivered, not from the execution context the
/// SDK happens to run the handler in. With the SDK told to run a whole session in its first request's execution
/// context, every later request of the session must still see its own token and headers.
/// </summary>
public sealed class CallerFromMessageTests
{
    [Fact]
    public async Task Each_request_of_a_session_run_in_one_execution_context_sees_its_own_caller()
    {
        await using var server = await InProcessServer.CreateAsync(configure: builder =>
            builder.Services.Configure<HttpServerTransportOptions>(transport =>
            {
                // The setter is obsolete in the SDK; setting it is the point of this test.
#pragma warning disable MCP9006
                transport.PerSessionExecutionContext = true;
#pragma warning restore MCP9006
            }));
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var first = TestTokens.Issue("alice", "public:read");
        var second = TestTokens.Issue("alice", "public:read confidential:read");

        using var initialize = await McpHttpTests.PostAsync(http, null, """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
            """, request => Sign(request, first, "catalog-user-1"));
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        var session = Assert.Single(initialize.Headers.GetValues("Mcp-Session-Id"));
        using var initialized = await McpHttpTests.PostAsync(http, session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            request => Sign(request, first, "catalog-user-1"));

        var seenFirst = await AuthStatusAsync(http, session, 2, first, "catalog-user-1");
        var seenSecond = await AuthStatusAsync(http, session, 3, second, "catalog-user-2");

        Assert.Equal(("catalog-user-1", 1), (seenFirst.GetProperty("quilt_user_id").GetString(), seenFirst.GetProperty("scopes").GetArrayLength()));
        Assert.Equal(("catalog-user-2", 2), (seenSecond.GetProperty("quilt_user_id").GetString(), seenSecond.GetProperty("scopes").GetArrayLength()));
    }

    private static async Task<JsonElement> AuthStatusAsync(HttpClient http, string session, int id, string token, string quiltUserId)
    {
        using var call = await McpHttpTests.PostAsync(http, session,
            """{"jsonrpc":"2.0","id":ID,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}""".Replace("ID", $"{id}", StringComparison.Ordinal),
            request => Sign(request, token, quiltUserId));
        var result = (await McpHttpTests.ReadJsonRpcAsync(call)).GetProperty("result");
        return JsonDocument.Parse(result.GetProperty("content")[0].GetProperty("text").GetString()!).RootElement.Clone();
    }

    private static void Sign(HttpRequestMessage request, string token, string quiltUserId)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Quilt-User-Id", quiltUserId);
    }
}
