using System.Globalization;
using Xunit.Abstractions;
using QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>
/// A rolling deploy of three processes under continuous load, as ECS performs one: each process in turn is taken out
/// of rotation (the target is deregistered), sent SIGTERM, and replaced by a new process that enters rotation once
/// ready. No call may fail, including those the stopping process was still answering, and no session may be lost.
/// </summary>
[Collection(FailoverUnderLoadCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ServerCount = 3;
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan BetweenSteps = TimeSpan.FromSeconds(2);

    /// <summary>Bounds a stop that never ends; the time it takes is printed, not asserted.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>The event a process logs when SIGTERM arrives, with the number of requests it is still answering.</summary>
    private const int DrainingForSignalEvent = 1310;

    private static readonly string DrainCategory = typeof(Api.Health.ShutdownDrain).FullName!;

    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.CreateAsync(FailoverUnderLoadCollection.Environment);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Replacing_every_process_in_turn_fails_no_call_and_loses_no_session()
    {
        await _cluster.StartAsync(ServerCount);
        using var router = new RoundRobinRouter(_cluster.Servers);
        await using var load = await ContinuousLoad.StartAsync(router, FailoverUnderLoadCollection.Users, FailoverUnderLoadCollection.SessionsPerUser);
        await load.RunForAsync(Steady);

        var steps = new List<string>();
        var firstStep = load.Now;
        foreach (var (old, step) in _cluster.Servers.Take(ServerCount).ToList().Select((server, step) => (server, step)))
        {
            // One session call the process has in hand, and must finish, when it is told to stop.
            var session = load.Sessions[step];
            using var held = await HeldCall.StartAsync(old, session.Token, session.Id);

            router.Deregister(old);
            var signalled = load.Now;
            old.Terminate();
            var replacement = _cluster.StartAsync();

            var draining = await old.WaitForOutputAsync(line => JsonLogEvent.Is(line, DrainCategory, DrainingForSignalEvent), HangGuard);
            JsonLogEvent.TryParse(draining, out var drainEvent);
            var inFlight = int.Parse(drainEvent.State("InFlight")!, CultureInfo.InvariantCulture);
            var answer = await held.ReleaseAsync();
            Assert.True(answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && session.IsAnsweredBy(answer) && !answer.Contains("\"isError\":true", StringComparison.Ordinal),
                $"the call in flight on :{old.Port} at SIGTERM was answered: {answer}");
            Assert.True(inFlight >= 1, $"the held call was in flight at the signal ({inFlight} counted)");

            Assert.Equal(0, await old.WaitForExitAsync(HangGuard));
            var exited = load.Now;
            router.Register(await replacement);
            var registered = load.Now;
            steps.Add($":{old.Port} exited {(exited - signalled).TotalSeconds:F2} s after SIGTERM ({inFlight} requests in flight at the signal, all answered), "
                + $"replacement :{(await replacement).Port} in rotation {(registered - signalled).TotalSeconds:F2} s after it");
            await load.RunForAsync(BetweenSteps);
        }

        var lastStep = load.Now;
        await load.RunForAsync(BetweenSteps);
        var calls = await load.StopAsync();

        var figures = LoadFigures.Of(calls, firstStep, lastStep);
        var summary = $"rolling restart of {ServerCount} under load: {figures}; {string.Join("; ", steps)}; {RetriedGrainCalls.In(_cluster.Servers)}";
        output.WriteLine(summary);
        Console.WriteLine($"[rolling restart] {summary}");

        Assert.Empty(figures.Failures);

        // Every session still answers on the new processes alone: none was lost with the processes that held it.
        var replacements = _cluster.Servers.Skip(ServerCount).Select(server => server.Port).ToHashSet();
        var sessions = FailoverUnderLoadCollection.Users * FailoverUnderLoadCollection.SessionsPerUser;
        Assert.Equal(sessions, calls.Where(call => call.Start > lastStep && replacements.Contains(call.Port)).Select(call => call.Session).Distinct().Count());
    }
}
