using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>
/// Constant traffic over many more sessions than the in-memory cap makes the SDK prune sessions while requests
/// for them are in flight. Without the retry middleware about 1 request in 120 failed with a broken stream.
/// </summary>
public sealed class SessionEvictionRaceTests(ITestOutputHelper output)
{
    private const int RetryEvent = 1420;

    [Fact]
    public async Task No_request_fails_while_its_session_is_pruned()
    {
        var logs = new FakeLogCollector();
        await using var server = await InProcessServer.CreateAsync(
            new Dictionary<string, string?>
            {
                ["Sessions:MaxIdleSessionCount"] = "5",
                ["Http:PermitsPerMinute"] = "100000000",
                ["Logging:LogLevel:QuiltMcp"] = "Information",
            },
            builder => builder.Logging.AddProvider(new FakeLoggerProvider(logs)));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.BaseUri };
        var token = TestTokens.Issue("churn");
        var sessions = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            sessions.Add(await SessionResumptionTests.InitializeAsync(http, token));
        }

        var failures = new List<string>();
        var succeeded = 0;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var random = new Random(worker);
            while (DateTime.UtcNow < deadline && Retries(logs) < 5)
            {
                var session = sessions[random.Next(sessions.Count)];
                try
                {
                    using var response = await SessionResumptionTests.CallAsync(http, token, session);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.OK && body.Contains("principal_id", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref succeeded);
                        continue;
                    }

                    lock (failures)
                    {
                        failures.Add($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 100)]}");
                    }
                }
                catch (HttpRequestException exception)
                {
                    lock (failures)
                    {
                        failures.Add(exception.Message);
                    }
                }
            }
        }));

        output.WriteLine($"{succeeded} calls succeeded, {Retries(logs)} were retried after losing their session, {failures.Count} failed");
        Assert.Empty(failures);
        Assert.True(Retries(logs) > 0, "the pruning race never happened, so the test proved nothing");
    }

    private static int Retries(FakeLogCollector logs) => logs.GetSnapshot().Count(e => e.Id.Id == RetryEvent);
}
