using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using QuiltMcp.Orleans.Clustering.Tests.Dynalite;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.Tests.Shared;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>
/// Three real <c>quilt-mcp</c> processes clustered through DynamoDB membership (dynalite). An MCP session opened
/// on one process is used through the others; the first is killed and the session keeps working.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly DynaliteServer _dynamo = new();
    private readonly List<ServerProcess> _servers = [];
    private readonly string _clusterId = $"e2e-{Guid.NewGuid():N}"[..16];

    public Task InitializeAsync() => _dynamo.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await _dynamo.DisposeAsync();
    }

    [Fact]
    public async Task A_session_survives_the_silo_that_created_it()
    {
        var siloPorts = new[] { FreePort.Next(), FreePort.Next(), FreePort.Next() };
        _servers.Add(ServerProcess.Start(ClusterEnvironment(), siloPorts[0]));
        await _servers[0].WaitUntilReadyAsync(StartTimeout);
        _servers.Add(ServerProcess.Start(ClusterEnvironment(), siloPorts[1]));
        _servers.Add(ServerProcess.Start(ClusterEnvironment(), siloPorts[2]));
        await Task.WhenAll(_servers[1].WaitUntilReadyAsync(StartTimeout), _servers[2].WaitUntilReadyAsync(StartTimeout));

        var token = TestTokens.Issue("roaming-user", "public:read", ["bucket-a"]);
        using var first = new HttpClient { BaseAddress = _servers[0].BaseUri };
        var session = await SessionResumptionTests.InitializeAsync(first, token);

        // The load balancer may send the next requests anywhere.
        foreach (var server in _servers)
        {
            using var http = new HttpClient { BaseAddress = server.BaseUri };
            using var response = await SessionResumptionTests.CallAsync(http, token, session);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("jwt|quilt-frontend|roaming-user", await response.Content.ReadAsStringAsync());
        }

        var killed = Stopwatch.StartNew();
        _servers[0].Kill();

        var survivors = _servers.Skip(1).Select(server => new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) }).ToArray();
        TimeSpan? firstSuccess = null;
        var consecutive = 0;
        while (consecutive < 2 * survivors.Length)
        {
            Assert.True(killed.Elapsed < TimeSpan.FromSeconds(90), "the survivors did not serve the session within 90 s");
            var http = survivors[consecutive % survivors.Length];
            var ok = false;
            try
            {
                using var response = await SessionResumptionTests.CallAsync(http, token, session);
                ok = response.StatusCode == HttpStatusCode.OK;
            }
            catch (TaskCanceledException)
            {
            }

            if (ok)
            {
                firstSuccess ??= killed.Elapsed;
                consecutive++;
            }
            else
            {
                consecutive = 0;
                await Task.Delay(200);
            }
        }

        var served = killed.Elapsed;
        var declaredDead = await WaitForDeadRowAsync(siloPorts[0], killed);
        output.WriteLine($"after SIGKILL: first successful call {firstSuccess!.Value.TotalSeconds:F1} s, "
            + $"every survivor serving {served.TotalSeconds:F1} s, silo declared Dead in the membership table {declaredDead.TotalSeconds:F1} s");
        Console.WriteLine($"[cluster failover] first success {firstSuccess.Value.TotalSeconds:F1} s, all survivors {served.TotalSeconds:F1} s, declared dead {declaredDead.TotalSeconds:F1} s");

        foreach (var http in survivors)
        {
            http.Dispose();
        }
    }

    private async Task<TimeSpan> WaitForDeadRowAsync(int siloPort, Stopwatch since)
    {
        using var client = _dynamo.CreateClient();
        while (true)
        {
            var item = await client.GetItemAsync(new GetItemRequest
            {
                TableName = "quilt-mcp-membership",
                Key = new() { ["ClusterId"] = new AttributeValue { S = _clusterId } },
                ConsistentRead = true,
            });
            var row = item.Item?["Rows"].M?.FirstOrDefault(pair => pair.Key.Contains($":{siloPort}@", StringComparison.Ordinal));
            if (row is { Key: not null } found)
            {
                var status = JsonDocument.Parse(found.Value.M["Entry"].S).RootElement.GetProperty("st").GetInt32();
                if (status == (int)global::Orleans.Runtime.SiloStatus.Dead)
                {
                    return since.Elapsed;
                }
            }

            Assert.True(since.Elapsed < TimeSpan.FromSeconds(120), "the killed silo was never declared Dead");
            await Task.Delay(250);
        }
    }

    private Dictionary<string, string> ClusterEnvironment() => new()
    {
        ["Cluster__Clustering"] = "dynamodb",
        ["Cluster__ClusterId"] = _clusterId,
        ["Cluster__DynamoDb__ServiceUrl"] = _dynamo.ServiceUrl,
        ["Cluster__DynamoDb__Region"] = "us-east-1",
        ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
        ["Cluster__Membership__NumMissedProbesLimit"] = "2",
        ["Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };
}
