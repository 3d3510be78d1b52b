using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Health;

namespace QuiltMcp.Orleans.Api.Tests.Health;

/// <summary>
/// The drain on a fake clock: readiness turns 503 first, the drain delay and the in-flight requests are waited for
/// when a signal stops the server, and a stop that finds the drain already done adds nothing.
/// </summary>
public sealed class ShutdownDrainTests
{
    private static readonly TimeSpan DrainDelay = TimeSpan.FromSeconds(1);

    private readonly TimerStepClock _time = new();
    private readonly ServerReadiness _readiness = new();
    private readonly InFlightRequests _inFlight = new();

    [Fact]
    public async Task A_signal_drain_turns_readiness_503_at_once_then_waits_the_delay_and_the_requests_in_flight()
    {
        var request = _inFlight.Begin();
        var drain = Drain(timeout: TimeSpan.FromSeconds(30));

        var draining = drain.DrainBeforeStopAsync("SIGTERM", CancellationToken.None);

        Assert.True(_readiness.IsStopping);
        await _time.RunAsync(draining, limit: TimeSpan.FromSeconds(10));
        Assert.False(draining.IsCompleted);

        request.Dispose();
        var elapsed = await _time.RunAsync(draining, limit: TimeSpan.FromSeconds(1));
        Assert.True(draining.IsCompletedSuccessfully);
        Assert.True(elapsed <= InFlightPoll, $"the drain noticed the last request after {elapsed}");
    }

    [Fact]
    public async Task A_signal_drain_with_nothing_in_flight_takes_exactly_the_drain_delay()
    {
        var drain = Drain(timeout: TimeSpan.FromSeconds(30));

        var draining = drain.DrainBeforeStopAsync("SIGTERM", CancellationToken.None);
        var elapsed = await _time.RunAsync(draining, limit: TimeSpan.FromSeconds(5));

        Assert.True(draining.IsCompletedSuccessfully);
        Assert.Equal(DrainDelay, elapsed);
    }

    [Fact]
    public async Task Requests_that_outlast_the_shutdown_timeout_are_given_up_on_at_the_timeout()
    {
        using var request = _inFlight.Begin();
        var drain = Drain(timeout: TimeSpan.FromSeconds(3));

        var draining = drain.DrainBeforeStopAsync("SIGTERM", CancellationToken.None);
        var elapsed = await _time.RunAsync(draining, limit: TimeSpan.FromSeconds(10));

        Assert.True(draining.IsCompletedSuccessfully);
        Assert.Equal(TimeSpan.FromSeconds(3), elapsed);
        Assert.Equal(1, _inFlight.Count);
    }

    [Fact]
    public async Task A_signal_drain_stops_waiting_when_the_host_stops_anyway()
    {
        using var request = _inFlight.Begin();
        using var hostStopping = new CancellationTokenSource();
        var drain = Drain(timeout: TimeSpan.FromSeconds(30));

        var draining = drain.DrainBeforeStopAsync("SIGTERM", hostStopping.Token);
        await hostStopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => draining);
    }

    [Fact]
    public async Task A_host_stopped_directly_turns_readiness_503_and_waits_only_the_drain_delay()
    {
        using var request = _inFlight.Begin();
        var drain = Drain(timeout: TimeSpan.FromSeconds(30));

        var stopping = drain.StoppingAsync(CancellationToken.None);

        Assert.True(_readiness.IsStopping);
        Assert.False(stopping.IsCompleted);
        var elapsed = await _time.RunAsync(stopping, limit: TimeSpan.FromSeconds(5));
        Assert.True(stopping.IsCompletedSuccessfully);
        Assert.Equal(DrainDelay, elapsed);
    }

    [Fact]
    public void A_host_stop_after_a_signal_drain_adds_no_second_delay()
    {
        var drain = Drain(timeout: TimeSpan.FromSeconds(30));
        _ = drain.DrainBeforeStopAsync("SIGTERM", CancellationToken.None);

        Assert.True(drain.StoppingAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_host_stop_whose_timeout_ran_out_skips_the_rest_of_the_delay()
    {
        var drain = Drain(timeout: TimeSpan.FromSeconds(30));

        await drain.StoppingAsync(new CancellationToken(canceled: true));

        Assert.True(_readiness.IsStopping);
    }

    /// <summary>How often <see cref="InFlightRequests"/> looks again; the drain notices the last request within one poll.</summary>
    private static TimeSpan InFlightPoll => TimeSpan.FromMilliseconds(25);

    private ShutdownDrain Drain(TimeSpan timeout) => new(
        _readiness,
        _inFlight,
        Options.Create(new ShutdownOptions { DrainDelay = DrainDelay, Timeout = timeout }),
        _time,
        NullLogger<ShutdownDrain>.Instance);

    /// <summary>
    /// A fake clock that moves only when the code under test waits on it: each timer it creates is run to its due
    /// time, so a test follows the drain's own schedule without sleeping and without guessing step sizes.
    /// </summary>
    private sealed class TimerStepClock() : FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero))
    {
        private static readonly TimeSpan Hang = TimeSpan.FromSeconds(10);
        private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _created.Writer.TryWrite(dueTime);
            return timer;
        }

        /// <summary>Runs the clock until <paramref name="work"/> completes or <paramref name="limit"/> of fake time passed; returns the fake time that passed.</summary>
        public async Task<TimeSpan> RunAsync(Task work, TimeSpan limit)
        {
            var start = GetUtcNow();
            while (!work.IsCompleted && GetUtcNow() - start < limit)
            {
                // Waiting for the next timer is the synchronisation; the real-time bound only turns a hang into a failure.
                var waiting = _created.Reader.WaitToReadAsync().AsTask();
                if (await Task.WhenAny(waiting, work).WaitAsync(Hang) == work)
                {
                    break;
                }

                if (_created.Reader.TryRead(out var dueTime))
                {
                    Advance(dueTime);
                }
            }

            return GetUtcNow() - start;
        }
    }
}
