using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>
/// Constant traffic over many more sessions than the in-memory cap makes the SDK close sessions while requests for
/// them are in flight. The SDK alone loses some of those requests (2.4.0 as 2.3.1: about 1 in 115); our server loses
/// none, because <c>SessionEvictionRetryMiddleware</c> runs the ones that only read again.
/// </summary>
public sealed class SessionEvictionRaceTests(ITestOutputHelper output)
{
    private const int RetryEvent = 1420;
    private const int SessionCount = 60;
    private const int Cap = 5;

    private const string EchoCall = """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{}}}""";

    [Fact]
    public async Task The_SDK_alone_still_loses_requests_while_it_closes_their_sessions()
    {
        // With room for every session nothing is closed, and nothing may be lost: the losses below come from pruning.
        var (control, controlCalls) = await ChurnSdkOnlyAsync(cap: 100, churn => churn.Calls >= 2_000);
        var (pruned, prunedCalls) = await ChurnSdkOnlyAsync(cap: Cap, churn => churn.Failed() >= 5);

        output.WriteLine($"SDK alone, {SessionCount} sessions, cap 100: {control.Calls} calls, {control.Failed()} lost {SessionChurn.Describe(controlCalls)}");
        output.WriteLine($"SDK alone, {SessionCount} sessions, cap {Cap}: {pruned.Calls} calls, {pruned.Failed()} lost: {SessionChurn.Describe(prunedCalls)}");
        Assert.Equal(0, control.Failed());
        Assert.True(pruned.Failed() > 0,
            "The MCP SDK no longer loses requests when it closes their sessions: SessionEvictionRetryMiddleware has nothing left to do. "
            + "Remove it, its tests and its mentions in docs (see its class comment).");
    }

    [Fact]
    public async Task No_request_fails_while_its_session_is_pruned()
    {
        var logs = new FakeLogCollector();
        await using var server = await InProcessServer.CreateAsync(
            new Dictionary<string, string?>
            {
                ["Sessions:MaxIdleSessionCount"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Http:PermitsPerMinute"] = "100000000",
                ["Logging:LogLevel:QuiltMcp.Orleans.Api.Sessions.SessionEvictionRetryMiddleware"] = "Information",
            },
            builder => builder.Logging.AddProvider(new FakeLoggerProvider(logs)));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.BaseUri };
        var token = TestTokens.Issue("churn");
        var churn = new SessionChurn(http, await SessionChurn.OpenSessionsAsync(http, token, SessionCount));

        var calls = await churn.RunAsync(
            _ => new ChurnRequest("auth_status", """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}""", token),
            TimeSpan.FromSeconds(20),
            () => Retries(logs) >= 5);

        output.WriteLine($"quilt-mcp, {SessionCount} sessions, cap {Cap}: {churn.Calls} calls, {Retries(logs)} run again after losing their session, "
            + $"{churn.Failed()} failed {SessionChurn.Describe(calls)}");
        Assert.Equal(0, churn.Failed());
        Assert.True(Retries(logs) > 0, "the pruning race never happened, so the test proved nothing");
    }

    private static async Task<(SessionChurn Churn, IReadOnlyList<ChurnCall> Calls)> ChurnSdkOnlyAsync(int cap, Func<SessionChurn, bool> enough)
    {
        await using var server = await SdkOnlyServer.StartAsync(cap);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.BaseUri };
        var churn = new SessionChurn(http, await SessionChurn.OpenSessionsAsync(http, "ignored-without-authentication", SessionCount));
        var calls = await churn.RunAsync(_ => new ChurnRequest(SdkOnlyServer.Tool, EchoCall), TimeSpan.FromSeconds(30), () => enough(churn));
        return (churn, calls);
    }

    private static int Retries(FakeLogCollector logs) => logs.GetSnapshot().Count(e => e.Id.Id == RetryEvent);
}
