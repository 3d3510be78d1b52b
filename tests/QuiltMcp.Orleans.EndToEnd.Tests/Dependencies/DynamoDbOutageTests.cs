using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;
using QuiltMcp.Orleans.EndToEnd.Tests.Sessions;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Dependencies;

/// <summary>
/// Two real <c>quilt-mcp</c> processes on DynamoDB membership and grain storage (dynalite, its tables on disk). DynamoDB
/// goes away for 20 s and comes back on the same port with its data: sessions keep working on the processes holding
/// them; new sessions, sessions moving to another process and a process joining wait for DynamoDB or fail clearly, and
/// everything recovers by itself once it is back.
/// </summary>
public sealed class DynamoDbOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    /// <summary>Sessions:StoreTimeout (10 s) bounds a refusal; DynamoDB's closed port makes it come much sooner.</summary>
    private static readonly TimeSpan StoreTimeoutBound = TimeSpan.FromSeconds(12);

    private const string RecordRefused =
        "HTTP 503, Retry-After 5: Service unavailable: the session store did not answer, so no session was created. Initialize again in a few seconds.";

    private const string ResumeRefused =
        "HTTP 503, Retry-After 5: Service unavailable: the session store did not answer, so this session could not be resumed here. It is not lost: retry in a few seconds.";

    /// <summary>Bounds a recovery that never comes; the figures are printed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.CreateAsync(new DynaliteServer { KeepsDataOnDisk = true });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Sessions_keep_working_through_a_dynamodb_outage_and_what_needs_dynamodb_recovers_by_itself()
    {
        await _cluster.StartAsync(2);
        var servers = _cluster.Servers;
        var clients = servers.Select(server => new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(60) }).ToArray();
        // One user per session and a pause between calls keep each user well inside the server's rate limit.
        var sessions = new List<(int Process, string Token, string Session)>();
        for (var i = 0; i < 6; i++)
        {
            var token = TestTokens.Issue($"outage-user-{i}", "public:read");
            sessions.Add((i % clients.Length, token, await SessionResumptionTests.InitializeAsync(clients[i % clients.Length], token)));
        }

        var newcomers = Enumerable.Range(0, 4).Select(i => TestTokens.Issue($"outage-newcomer-{i}", "public:read")).ToArray();

        var clock = Stopwatch.StartNew();
        var existing = new CallLog(clock);
        var created = new CallLog(clock);
        var moved = new CallLog(clock);
        using var stop = new CancellationTokenSource();
        var load = sessions.Select(session => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await existing.RecordAsync(() => AuthStatusAsync(clients[session.Process], session.Token, session.Session));
                await Task.Delay(100);
            }
        })).ToList();
        var newcomer = 0;
        load.Add(Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref newcomer);
                await created.RecordAsync(() => TryInitializeAsync(clients[n % clients.Length], newcomers[n % newcomers.Length]));
                await Task.Delay(400);
            }
        }));

        await Task.Delay(TimeSpan.FromSeconds(2));
        var down = clock.Elapsed;
        await _cluster.Dynamo.StopAsync();

        // A session the other process has not held yet must be rebuilt there from its stored record.
        var roaming = new Queue<(int Process, string Token, string Session)>(sessions);
        var movedDuringOutage = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && roaming.TryDequeue(out var session))
            {
                await moved.RecordAsync(() => AuthStatusAsync(clients[1 - session.Process], session.Token, session.Session));
                await Task.Delay(1500);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(2));
        var joinStarted = clock.Elapsed;
        var joining = _cluster.StartAsync();

        await Task.Delay(Outage - (clock.Elapsed - down));
        var up = clock.Elapsed;
        await _cluster.Dynamo.StartAgainAsync();

        await Eventually.TrueAsync(
            () => created.StartedFrom(up).Count(o => o.Succeeded) >= 4 && joining.IsCompleted,
            HangGuard,
            "new sessions created again and the joining process started (or given up)");
        var recovered = created.StartedFrom(up).First(o => o.Succeeded).EndedAt - up;
        await stop.CancelAsync();
        await Task.WhenAll(load.Append(movedDuringOutage));

        var during = existing.Between(down, up);
        var createdDuring = created.Between(down, up);
        output.WriteLine($"DynamoDB down {(up - down).TotalSeconds:F1} s. Sessions held by their process: before {CallLog.Summary(existing.Between(TimeSpan.Zero, down))}; "
            + $"during {CallLog.Summary(during)}; after {CallLog.Summary(existing.StartedFrom(up))}");
        output.WriteLine($"New sessions during the outage: {CallLog.Summary(createdDuring)}; first new session {recovered.TotalSeconds:F2} s after DynamoDB returned");
        output.WriteLine($"Sessions moved to the other process during the outage: {CallLog.Summary(moved.Outcomes)}");
        var joined = joining.IsCompletedSuccessfully
            ? $"ready {((await joining).ReadyAfter!.Value - (up - joinStarted)).TotalSeconds:F1} s after it returned"
            : $"failed: {joining.Exception?.GetBaseException().Message}";
        output.WriteLine($"Process started {(up - joinStarted).TotalSeconds:F1} s before DynamoDB returned: {joined}");
        foreach (var outcome in createdDuring.Concat(moved.Outcomes).Where(o => !o.Succeeded).DistinctBy(o => o.Detail))
        {
            output.WriteLine($"  {outcome.Detail}");
        }

        // Held sessions never needed DynamoDB: not one call failed, none waited.
        Assert.DoesNotContain(during, o => !o.Succeeded);
        Assert.True(during.Max(o => o.Duration) < TimeSpan.FromSeconds(5), CallLog.Summary(during));

        // What needed DynamoDB failed clearly and soon: 503, Retry-After, a message saying what did not happen; no hang.
        Assert.Contains(createdDuring, o => !o.Succeeded);
        Assert.All(createdDuring.Where(o => o.StartedAt > down && o.EndedAt < up), o => Assert.Equal(RecordRefused, o.Detail));
        Assert.All(moved.Outcomes.Where(o => o.EndedAt < up), o => Assert.Equal(ResumeRefused, o.Detail));
        Assert.All(createdDuring.Concat(moved.Outcomes).Where(o => !o.Succeeded), o => Assert.True(o.Duration < StoreTimeoutBound, $"{o.Duration}: {o.Detail}"));

        // And it all came back by itself: new sessions, the sessions that could not move (not lost), the joining process.
        Assert.True(recovered < TimeSpan.FromSeconds(15), $"first new session {recovered} after DynamoDB returned");
        foreach (var session in sessions)
        {
            var outcome = await moved.RecordAsync(() => AuthStatusAsync(clients[1 - session.Process], session.Token, session.Session));
            Assert.True(outcome.Succeeded, outcome.Detail);
        }

        Assert.True(joining.IsCompletedSuccessfully, joining.Exception?.GetBaseException().Message);

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static async Task<(bool, string)> AuthStatusAsync(HttpClient http, string token, string session)
    {
        using var response = await SessionResumptionTests.CallAsync(http, token, session);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (false, await RefusalAsync(response));
        }

        var message = await McpHttpTests.ReadJsonRpcAsync(response);
        return message.TryGetProperty("result", out var result) && !(result.TryGetProperty("isError", out var isError) && isError.GetBoolean())
            ? (true, "")
            : (false, Shorten(message.GetRawText()));
    }

    private static async Task<(bool, string)> TryInitializeAsync(HttpClient http, string token)
    {
        using var initialize = await McpHttpTests.PostAsync(http, null, """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"outage","version":"1"}}}
            """, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
        return initialize.StatusCode == HttpStatusCode.OK ? (true, "") : (false, await RefusalAsync(initialize));
    }

    /// <summary>"HTTP 503, Retry-After 5: message": the status, the header and the JSON-RPC error message a client shows.</summary>
    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        string message;
        try
        {
            message = JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString() ?? "";
        }
        catch (Exception failure) when (failure is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            message = Shorten(body);
        }

        return $"HTTP {(int)response.StatusCode}, Retry-After {response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? "none"}: {message}";
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
