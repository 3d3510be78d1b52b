using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Grains.Sessions;
using QuiltMcp.Orleans.Grains.SiloLoss;

namespace QuiltMcp.Orleans.Grains.Tests.SiloLoss;

/// <summary>
/// The retry decisions of <see cref="SiloLossRetryFilter"/>, one call at a time on a fake clock: which calls are sent
/// again, after which pauses, until when, and what is logged and counted. Real silo losses (a process killed under load,
/// the filter retrying in the survivors) are the end-to-end tests' <c>Failover/CrashUnderLoadTests</c>: an in-process
/// TestCluster silo cannot crash, its "kill" still hands its grains over.
/// </summary>
public sealed class SiloLossRetryFilterTests : IDisposable
{
    private static readonly MethodInfo Marked = typeof(IPrincipalGrain).GetMethod(nameof(IPrincipalGrain.GetSnapshotAsync))!;
    private static readonly MethodInfo Unmarked = typeof(IProcessSessionsGrain).GetMethod(nameof(IProcessSessionsGrain.TerminateAsync))!;

    private readonly RecordingTimeProvider _time = new();
    private readonly TestLifetime _lifetime = new();
    private readonly FakeLogCollector _logs = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MetricCollector<long> _retried;
    private readonly SiloLossRetryOptions _options = new()
    {
        Deadline = TimeSpan.FromSeconds(1),
        FirstDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(400),
    };

    public SiloLossRetryFilterTests() =>
        _retried = new MetricCollector<long>(_meters.GetRequiredService<IMeterFactory>(), SiloLossRetryMetrics.MeterName, "quilt_mcp.grain_calls.retried");

    public void Dispose()
    {
        _retried.Dispose();
        _meters.Dispose();
        _lifetime.Dispose();
    }

    [Fact]
    public async Task A_marked_call_rejected_twice_is_sent_again_after_growing_pauses_and_its_answer_is_the_result()
    {
        var context = new ScriptedCallContext(Marked, _time).Fails(new SiloUnavailableException("silo S1 is dead"), times: 2).Answers("snapshot");

        await RunAsync(context);

        Assert.Equal("snapshot", context.Result);
        Assert.Equal(3, context.Attempts.Count);
        Assert.Equal(2, _time.Timers.Count);
        AssertAround(TimeSpan.FromMilliseconds(100), _time.Timers[0]);
        AssertAround(TimeSpan.FromMilliseconds(200), _time.Timers[1]);
        Assert.Equal(_time.Timers[0], context.Attempts[1] - context.Attempts[0]);

        var logged = Assert.Single(_logs.GetSnapshot());
        Assert.Equal(1600, logged.Id.Id);
        Assert.Equal(LogLevel.Information, logged.Level);
        Assert.Contains("IPrincipalGrain.GetSnapshotAsync", logged.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 3", logged.Message, StringComparison.Ordinal);
        Assert.Contains("SiloUnavailableException: silo S1 is dead", logged.Message, StringComparison.Ordinal);
        AssertCounted("recovered");
    }

    [Fact]
    public async Task A_rejection_thrown_by_the_pipeline_is_retried_like_one_carried_in_the_response()
    {
        var context = new ScriptedCallContext(Marked, _time).Throws(new SiloUnavailableException("refused before sending")).Answers("snapshot");

        await RunAsync(context);

        Assert.Equal("snapshot", context.Result);
        Assert.Equal(2, context.Attempts.Count);
        Assert.Equal(1600, Assert.Single(_logs.GetSnapshot()).Id.Id);
    }

    [Fact]
    public async Task A_call_not_marked_safe_to_repeat_is_sent_once_and_its_rejection_is_the_result()
    {
        var rejection = new SiloUnavailableException("silo S1 is dead");
        var context = new ScriptedCallContext(Unmarked, _time).Fails(rejection);

        await RunAsync(context);

        Assert.Single(context.Attempts);
        Assert.Same(rejection, context.Response!.Exception);
        Assert.Empty(_time.Timers);
        Assert.Empty(_logs.GetSnapshot());
        Assert.Empty(_retried.GetMeasurementSnapshot());
    }

    [Theory]
    [InlineData("grain")]
    [InlineData("timeout")]
    public async Task A_marked_call_that_failed_for_another_reason_is_sent_once(string failure)
    {
        // The grain's own exception, or a slow grain: the call reached a live activation, so sending it again would repeat it.
        Exception exception = failure == "grain" ? new InvalidOperationException("the grain refused") : new TimeoutException("no answer in 30 s");
        var context = new ScriptedCallContext(Marked, _time).Fails(exception);

        await RunAsync(context);

        Assert.Single(context.Attempts);
        Assert.Same(exception, context.Response!.Exception);
        Assert.Empty(_logs.GetSnapshot());
    }

    [Fact]
    public async Task A_marked_call_is_not_sent_again_once_the_next_pause_would_pass_the_deadline()
    {
        var rejection = new SiloUnavailableException("still dead");
        var context = new ScriptedCallContext(Marked, _time).Fails(rejection, times: 10);

        await RunAsync(context);

        // Pauses of about 100, 200, 400, 400 ms (±20 %): four or five attempts fit in the second, never one after it.
        Assert.InRange(context.Attempts.Count, 4, 5);
        Assert.All(context.Attempts, attempt => Assert.True(attempt - context.Attempts[0] <= _options.Deadline, $"an attempt {attempt - context.Attempts[0]} after the first"));
        Assert.All(_time.Timers.Skip(2), pause => AssertAround(_options.MaxDelay, pause));
        Assert.Same(rejection, context.Response!.Exception);

        var logged = Assert.Single(_logs.GetSnapshot());
        Assert.Equal(1601, logged.Id.Id);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains($"after {context.Attempts.Count} attempts", logged.Message, StringComparison.Ordinal);
        AssertCounted("gave_up");
    }

    [Fact]
    public async Task A_stopping_process_does_not_retry()
    {
        _lifetime.StopApplication();
        var rejection = new SiloUnavailableException("the local host is shutting down");
        var context = new ScriptedCallContext(Marked, _time).Fails(rejection).Answers("never sent");

        await RunAsync(context);

        Assert.Single(context.Attempts);
        Assert.Same(rejection, context.Response!.Exception);
        Assert.Equal(1601, Assert.Single(_logs.GetSnapshot()).Id.Id);
    }

    [Fact]
    public async Task A_pause_ends_when_the_process_starts_stopping()
    {
        var context = new ScriptedCallContext(Marked, _time).Fails(new SiloUnavailableException("dead"), times: 2).Answers("never sent");
        var call = Filter().Invoke(context);
        await Eventually.TrueAsync(() => _time.Timers.Count == 1, TimeSpan.FromSeconds(30), "the filter pausing before its second attempt");

        _lifetime.StopApplication();
        await call;

        Assert.Single(context.Attempts);
        Assert.IsType<SiloUnavailableException>(context.Response!.Exception);
        Assert.Equal(1601, Assert.Single(_logs.GetSnapshot()).Id.Id);
    }

    [Fact]
    public async Task A_zero_deadline_turns_retries_off()
    {
        _options.Deadline = TimeSpan.Zero;
        var context = new ScriptedCallContext(Marked, _time).Fails(new SiloUnavailableException("dead"));

        await RunAsync(context);

        Assert.Single(context.Attempts);
        Assert.Empty(_logs.GetSnapshot());
    }

    private SiloLossRetryFilter Filter() => new(
        Options.Create(_options),
        _lifetime,
        _time,
        new SiloLossRetryMetrics(_meters.GetRequiredService<IMeterFactory>()),
        new FakeLogger<SiloLossRetryFilter>(_logs));

    /// <summary>Runs the call, moving the fake clock over each pause the filter starts, until the call is done.</summary>
    private async Task RunAsync(ScriptedCallContext context)
    {
        var call = Filter().Invoke(context);
        var passed = 0;
        while (!call.IsCompleted)
        {
            await Eventually.TrueAsync(() => call.IsCompleted || _time.Timers.Count > passed, TimeSpan.FromSeconds(30), "the filter pausing or finishing");
            if (_time.Timers.Count > passed)
            {
                _time.Advance(_time.Timers[passed++]);
            }
        }

        await call;
    }

    private void AssertCounted(string outcome)
    {
        var measurement = Assert.Single(_retried.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal(outcome, measurement.Tags["outcome"]);
        Assert.Equal("IPrincipalGrain.GetSnapshotAsync", measurement.Tags["method"]);
    }

    private static void AssertAround(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected * 0.8, expected * 1.2);
}
