using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Api.Sessions;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>
/// DELETE ends an MCP session for good: its id answers 404 afterwards on the process that served the DELETE, after
/// the session was evicted there, and on every other process of the cluster, whichever of them held it.
/// </summary>
public sealed class SessionDeletionTests
{
    private const int UnknownEvent = 1412;

    [Fact]
    public async Task A_deleted_session_is_not_found_for_good_on_the_same_process()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Sessions:MaxIdleSessionCount"] = "1" });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var alice = TestTokens.Issue("alice-deletes");
        var session = await SessionResumptionTests.InitializeAsync(http, alice);

        using (var delete = await DeleteAsync(http, alice, session))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        await AssertNotFoundAsync(http, alice, session);

        // Even once the SDK has forgotten every trace of it (sessions over the cap are closed), it is not rebuilt.
        // Two more sessions put the SDK over its cap of one; its census count falls to one only when its idle sweep ran.
        await SessionResumptionTests.InitializeAsync(http, alice);
        await SessionResumptionTests.InitializeAsync(http, alice);
        var census = server.Services.GetRequiredService<McpSessionCensus>();
        await Eventually.TrueAsync(() => census.Live == 1, TimeSpan.FromSeconds(60), "the SDK closing the sessions over its cap");
        await AssertNotFoundAsync(http, alice, session);
        using (var again = await DeleteAsync(http, alice, session))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }
    }

    [Fact]
    public async Task Another_user_cannot_delete_a_session_and_the_owner_keeps_it()
    {
        await using var server = await InProcessServer.CreateAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var alice = TestTokens.Issue("alice-keeps");
        var mallory = TestTokens.Issue("mallory-deletes");
        var session = await SessionResumptionTests.InitializeAsync(http, alice);

        using (var delete = await DeleteAsync(http, mallory, session))
        {
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
            Assert.Contains("another user", await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var owner = await SessionResumptionTests.CallAsync(http, alice, session);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 65 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA,BBBBBBBBBBBBBBBBBBBBBB")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA%41A")]
    public async Task Session_ids_that_cannot_be_ours_are_not_found_without_asking_the_cluster(string sessionId)
    {
        var logs = new FakeLogCollector();
        await using var server = await InProcessServer.CreateAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:QuiltMcp"] = "Information" },
            builder => builder.Logging.AddProvider(new FakeLoggerProvider(logs)));
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var alice = TestTokens.Issue("alice-junk-ids");

        using var call = await SessionResumptionTests.CallAsync(http, alice, sessionId);
        using var delete = await DeleteAsync(http, alice, sessionId);

        Assert.Equal(HttpStatusCode.NotFound, call.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(-32001, (await McpHttpTests.ReadJsonRpcAsync(call)).GetProperty("error").GetProperty("code").GetInt32());
        // The migration handler, which asks the session grain, never ran.
        Assert.DoesNotContain(logs.GetSnapshot(), e => e.Id.Id == UnknownEvent);
    }

    [Fact]
    public async Task A_session_deleted_through_one_process_is_gone_on_every_process_that_held_it()
    {
        await using var cluster = await ProcessCluster.CreateAsync();
        await cluster.StartAsync(3);
        var clients = cluster.Servers.Select(server => new HttpClient { BaseAddress = server.BaseUri }).ToArray();
        try
        {
            var alice = TestTokens.Issue("alice-everywhere");
            var session = await SessionResumptionTests.InitializeAsync(clients[0], alice);
            foreach (var http in clients)
            {
                using var call = await SessionResumptionTests.CallAsync(http, alice, session);
                Assert.Equal(HttpStatusCode.OK, call.StatusCode);
            }

            // Deleted through a process that did not open it.
            using (var delete = await DeleteAsync(clients[1], alice, session))
            {
                Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
            }

            foreach (var http in clients)
            {
                await AssertNotFoundAsync(http, alice, session);
            }

            // A process that never held the session does not rebuild it either.
            var late = await cluster.StartAsync();
            using var lateClient = new HttpClient { BaseAddress = late.BaseUri };
            await AssertNotFoundAsync(lateClient, alice, session);
        }
        finally
        {
            foreach (var http in clients)
            {
                http.Dispose();
            }
        }
    }

    private static async Task AssertNotFoundAsync(HttpClient http, string token, string session)
    {
        using var call = await SessionResumptionTests.CallAsync(http, token, session);
        Assert.Equal(HttpStatusCode.NotFound, call.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mcp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("Mcp-Session-Id", session);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        using var stream = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
    }

    internal static async Task<HttpResponseMessage> DeleteAsync(HttpClient http, string token, string session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/mcp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("Mcp-Session-Id", session);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        return await http.SendAsync(request);
    }
}
