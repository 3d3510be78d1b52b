using System.Net.Http.Headers;
using System.Text.Json;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;
using QuiltMcp.Orleans.EndToEnd.Tests.Sessions;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>
/// Three processes under continuous load; one is killed (SIGKILL: a crash, an OOM kill, a lost host) and taken out of
/// rotation at the same moment (ECS deregisters a task whose container exited within seconds; what the load balancer
/// sends it meanwhile gets a 502). Calls through the survivors must not notice, although the principal grains the
/// killed process held must be placed again elsewhere.
/// </summary>
[Collection(FailoverUnderLoadCollection.Name)]
public sealed class CrashUnderLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Afterwards = TimeSpan.FromSeconds(4);

    /// <summary>Bounds a cluster that never declares the dead silo dead; the time it takes is printed, not asserted.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.CreateAsync(FailoverUnderLoadCollection.Environment);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Killing_one_of_three_processes_fails_no_call_through_the_survivors()
    {
        await _cluster.StartAsync(3);
        using var router = new RoundRobinRouter(_cluster.Servers);
        await using var load = await ContinuousLoad.StartAsync(router, FailoverUnderLoadCollection.Users, FailoverUnderLoadCollection.SessionsPerUser);
        await load.RunForAsync(Steady);

        // The process holding the most principal grains: every call of those users must find its grain placed anew.
        var victim = await HostOfMostPrincipalsAsync();
        router.Deregister(victim.Server);
        var killedAt = load.Now;
        victim.Server.Kill();

        await Eventually.TrueAsync(async () => await _cluster.MembershipStatusAsync(victim.Server.SiloPort!.Value) is global::Orleans.Runtime.SiloStatus.Dead,
            HangGuard, "the killed silo declared Dead");
        var declaredDead = load.Now;
        await load.RunForAsync(Afterwards);
        var calls = await load.StopAsync();

        // Calls the killed process was answering are lost with it (an ALB answers them 502); every other call counts.
        var lostWithIt = calls.Where(call => call.Port == victim.Server.Port && call.End >= killedAt).ToList();
        var figures = LoadFigures.Of(calls.Except(lostWithIt).ToList(), killedAt, declaredDead);
        var retried = RetriedGrainCalls.In(_cluster.Servers.Where(server => server != victim.Server));
        var summary = $"SIGKILL of 1 of 3 under load ({victim.Principals} of {FailoverUnderLoadCollection.Users} principal grains on it): "
            + $"{figures}; declared Dead {(declaredDead - killedAt).TotalSeconds:F2} s after the kill; "
            + $"survivors: {retried}; {lostWithIt.Count} calls in flight on the killed process (not counted)";
        output.WriteLine(summary);
        Console.WriteLine($"[crash under load] {summary}");

        Assert.Empty(figures.Failures);

        // Calls of the users whose grains died with the process were rejected and sent again: the loss was felt and absorbed.
        Assert.True(victim.Principals > 0, "the killed process held no principal grain, so the test proved nothing");
        Assert.True(retried.Recovered > 0, "no grain call was rejected by the loss, so the test proved nothing");
        Assert.Equal(0, retried.GaveUp);
    }

    /// <summary>Asks each user's principal grain where it lives (<c>get_user_info</c>'s served_by) and picks the busiest process.</summary>
    private async Task<(ServerProcess Server, int Principals)> HostOfMostPrincipalsAsync()
    {
        using var http = new HttpClient { BaseAddress = _cluster.Servers[0].BaseUri };
        var hosts = new List<string>();
        for (var user = 0; user < FailoverUnderLoadCollection.Users; user++)
        {
            var token = TestTokens.Issue($"load-user-{user}", roles: [$"load-role-{user}"]);
            using var response = await McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(user).Replace("auth_status", "get_user_info", StringComparison.Ordinal),
                request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
            var result = (await McpHttpTests.ReadJsonRpcAsync(response)).GetProperty("result");
            hosts.Add(result.GetProperty("structuredContent").GetProperty("served_by").GetString()!);
        }

        return _cluster.Servers
            .Select(server => (Server: server, Principals: hosts.Count(host => host.Contains($":{server.SiloPort}:", StringComparison.Ordinal))))
            .MaxBy(candidate => candidate.Principals);
    }
}
