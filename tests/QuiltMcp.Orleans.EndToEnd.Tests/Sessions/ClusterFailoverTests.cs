using System.Diagnostics;
using System.Net;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>
/// Three real <c>quilt-mcp</c> processes clustered through DynamoDB membership (dynalite). An MCP session opened
/// on one process is used through the others; the first is killed and the session keeps working.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Bounds a failover that never happens; the times measured are reported, never asserted.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);

    private ProcessCluster _cluster = null!;

    private IReadOnlyList<ServerProcess> Servers => _cluster.Servers;

    private FakeSts Sts => _cluster.Sts;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.CreateAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_session_survives_the_silo_that_created_it()
    {
        await _cluster.StartAsync(3);

        await AssumeEachRoleOnceAcrossTheClusterAsync();

        var token = TestTokens.Issue("roaming-user", "public:read", ["bucket-a"]);
        using var first = new HttpClient { BaseAddress = Servers[0].BaseUri };
        var session = await SessionResumptionTests.InitializeAsync(first, token);

        // The load balancer may send the next requests anywhere.
        foreach (var server in Servers)
        {
            using var http = new HttpClient { BaseAddress = server.BaseUri };
            using var response = await SessionResumptionTests.CallAsync(http, token, session);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("jwt|quilt-frontend|roaming-user", await response.Content.ReadAsStringAsync());
        }

        // Measured for docs/clustering.md (printed below), never asserted: the machine's load decides these figures.
        var killed = Stopwatch.StartNew();
        var killedSiloPort = Servers[0].SiloPort!.Value;
        Servers[0].Kill();

        var survivors = Servers.Skip(1).Select(server => new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) }).ToArray();
        TimeSpan? firstSuccess = null;
        var consecutive = 0;
        await Eventually.TrueAsync(
            async () =>
            {
                if (await ServesAsync(survivors[consecutive % survivors.Length], token, session))
                {
                    firstSuccess ??= killed.Elapsed;
                    consecutive++;
                }
                else
                {
                    consecutive = 0;
                }

                return consecutive >= 2 * survivors.Length;
            },
            HangGuard,
            "every survivor serving the session, twice in a row");

        var served = killed.Elapsed;
        // Cleanup removes only Dead rows, so a row already gone was declared Dead before it went.
        await WaitForRowAsync(killedSiloPort, status => status is null or global::Orleans.Runtime.SiloStatus.Dead, "declared Dead");
        var declaredDead = killed.Elapsed;
        await WaitForRowAsync(killedSiloPort, status => status is null, "removed by defunct-silo cleanup");
        var cleanedUp = killed.Elapsed;
        var summary = $"after SIGKILL: first successful call {firstSuccess!.Value.TotalSeconds:F1} s, every survivor serving {served.TotalSeconds:F1} s, "
            + $"declared Dead {declaredDead.TotalSeconds:F1} s, row cleaned up {cleanedUp.TotalSeconds:F1} s";
        output.WriteLine(summary);
        Console.WriteLine($"[cluster failover] {summary}");

        // The cluster still serves new sessions after the loss.
        using var afterwards = await SessionResumptionTests.CallAsync(survivors[0], token, await SessionResumptionTests.InitializeAsync(survivors[1], token));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);

        foreach (var http in survivors)
        {
            http.Dispose();
        }
    }

    /// <summary>
    /// 20 users, each in their own role, call a credential-using tool 15 times each, spread over all three
    /// processes: one principal grain per user in the whole cluster means one STS call per user.
    /// </summary>
    private async Task AssumeEachRoleOnceAcrossTheClusterAsync()
    {
        const int Users = 20;
        const int CallsEach = 15;
        var clients = Servers.Select(server => new HttpClient { BaseAddress = server.BaseUri }).ToArray();
        var tokens = Enumerable.Range(0, Users).Select(i => TestTokens.Issue($"cluster-user-{i}", roles: [$"cluster-role-{i}"])).ToArray();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, Users * CallsEach), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (n, _) =>
            {
                var user = n % Users;
                using var response = await McpHttpTests.PostAsync(clients[n % clients.Length], null, McpHttpTests.StatelessCall(n).Replace("auth_status", "aws_identity", StringComparison.Ordinal),
                    request => request.Headers.Authorization = new("Bearer", tokens[user]));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK && body.Contains($"cluster-role-{user}", StringComparison.Ordinal), body);
            });
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        Assert.Equal(Users, Sts.Calls.Count);
        Assert.All(Enumerable.Range(0, Users), user => Assert.Single(Sts.CallsFor(FakeSts.RoleArn($"cluster-role-{user}"))));
        output.WriteLine($"{Users * CallsEach} credential-using calls over 3 processes: {Sts.Calls.Count} STS AssumeRole calls");
    }

    private static async Task<bool> ServesAsync(HttpClient http, string token, string session)
    {
        try
        {
            using var response = await SessionResumptionTests.CallAsync(http, token, session);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (TaskCanceledException)
        {
            // A survivor still waiting on the dead silo: not serving yet.
            return false;
        }
    }

    private async Task WaitForRowAsync(int siloPort, Func<global::Orleans.Runtime.SiloStatus?, bool> condition, string what) =>
        await Eventually.TrueAsync(async () => condition(await _cluster.MembershipStatusAsync(siloPort)), HangGuard, $"the killed silo's membership row {what}");
}
