using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>
/// Sessions beyond the in-memory cap are closed and later rebuilt from their session grain, for their owner only.
/// </summary>
public sealed class SessionResumptionTests
{
    private const int ResumedEvent = 1410;
    private const int RefusedEvent = 1411;

    [Fact]
    public async Task Sessions_evicted_to_bound_memory_keep_working_for_their_owner()
    {
        var logs = new FakeLogCollector();
        await using var server = await InProcessServer.CreateAsync(
            new Dictionary<string, string?> { ["Sessions:MaxIdleSessionCount"] = "2", ["Logging:LogLevel:QuiltMcp"] = "Information" },
            builder => builder.Logging.AddProvider(new FakeLoggerProvider(logs)));
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var alice = TestTokens.Issue("alice-sessions");

        var sessions = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            sessions.Add(await InitializeAsync(http, alice));
        }

        // The SDK prunes idle sessions beyond the cap on a 5-second timer.
        await Eventually.TrueAsync(async () =>
        {
            using var probe = await CallAsync(http, alice, sessions[0]);
            return probe.StatusCode == HttpStatusCode.OK
                && logs.GetSnapshot().Any(e => e.Id.Id == ResumedEvent && e.Message.Contains(sessions[0], StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(60), "the first session rebuilt after the SDK pruned it");

        foreach (var session in sessions)
        {
            using var response = await CallAsync(http, alice, session);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("alice-sessions", (await McpHttpTests.ReadJsonRpcAsync(response)).GetRawText());
        }

        Assert.True(logs.GetSnapshot().Count(e => e.Id.Id == ResumedEvent) >= 4, "at least the four sessions over the cap were rebuilt");
    }

    [Fact]
    public async Task Another_user_presenting_a_session_id_is_refused()
    {
        var logs = new FakeLogCollector();
        await using var server = await InProcessServer.CreateAsync(
            new Dictionary<string, string?> { ["Sessions:MaxIdleSessionCount"] = "1", ["Logging:LogLevel:QuiltMcp"] = "Information" },
            builder => builder.Logging.AddProvider(new FakeLoggerProvider(logs)));
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var alice = TestTokens.Issue("alice-owner");
        var mallory = TestTokens.Issue("mallory");
        var session = await InitializeAsync(http, alice);

        // While the session is in memory, the SDK compares the caller with the session's user.
        using (var live = await CallAsync(http, mallory, session))
        {
            Assert.True(live.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"got {live.StatusCode}");
        }

        // Once evicted, the migration handler compares the caller with the stored owner.
        await InitializeAsync(http, alice);
        await InitializeAsync(http, alice);
        await Eventually.TrueAsync(async () =>
        {
            using var attempt = await CallAsync(http, mallory, session);
            return attempt.StatusCode == HttpStatusCode.NotFound && logs.GetSnapshot().Any(e => e.Id.Id == RefusedEvent);
        }, TimeSpan.FromSeconds(60), "the evicted session refused to another user");

        using var owner = await CallAsync(http, alice, session);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    internal static async Task<string> InitializeAsync(HttpClient http, string token)
    {
        using var initialize = await McpHttpTests.PostAsync(http, null, """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"sessions","version":"1"}}}
            """, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        var session = Assert.Single(initialize.Headers.GetValues("Mcp-Session-Id"));
        using var initialized = await McpHttpTests.PostAsync(http, session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return session;
    }

    internal static Task<HttpResponseMessage> CallAsync(HttpClient http, string token, string session) =>
        McpHttpTests.PostAsync(http, session, """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}""",
            request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
}
