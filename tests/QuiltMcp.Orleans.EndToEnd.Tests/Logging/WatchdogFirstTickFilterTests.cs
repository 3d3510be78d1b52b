using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Silo.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Logging;

/// <summary>
/// Orleans 10.4's watchdog reports the machine's uptime as a stall at start-up (its first check measures from timestamp
/// zero). The filter drops that one case and nothing else. The events are written exactly as Orleans defines them.
/// </summary>
public sealed class WatchdogFirstTickFilterTests
{
    private static readonly Action<ILogger, TimeSpan, Exception?> ParticipantCheckStalled = LoggerMessage.Define<TimeSpan>(
        LogLevel.Warning,
        new EventId(WatchdogFirstTickFilter.StallEventId, "LogWarningParticipantCheckThreadStalled"),
        "Participant check thread has not completed for {TimeSinceLastTick}, potentially indicating lock contention or deadlock, CPU starvation, or another execution anomaly.");

    private static readonly Action<ILogger, TimeSpan, TimeSpan, long, int, int, int, Exception?> PlatformStalled =
        LoggerMessage.Define<TimeSpan, TimeSpan, long, int, int, int>(
            LogLevel.Warning,
            new EventId(WatchdogFirstTickFilter.StallEventId, "LogWarningSiloHeartbeatTimerStalled"),
            ".NET Runtime Platform stalled for {TimeSinceLastTick}. Total GC Pause duration during that period: {PauseDurationSinceLastTick}. We are now using a total of {TotalMemory}MB memory. Collection counts per generation: 0: {GCGen0Count}, 1: {GCGen1Count}, 2: {GCGen2Count}");

    private readonly FakeLogCollector _collector = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_participant_check_stall_longer_than_the_process_has_run_is_dropped()
    {
        using var filter = new WatchdogFirstTickFilter(new FakeLoggerProvider(_collector), _time);
        _time.Advance(TimeSpan.FromSeconds(3));

        ParticipantCheckStalled(filter.CreateLogger(WatchdogFirstTickFilter.WatchdogCategory), TimeSpan.FromHours(6.05), null);

        Assert.Empty(_collector.GetSnapshot());
    }

    [Fact]
    public void A_participant_check_stall_that_fits_in_the_process_lifetime_is_logged()
    {
        using var filter = new WatchdogFirstTickFilter(new FakeLoggerProvider(_collector), _time);
        _time.Advance(TimeSpan.FromMinutes(5));

        ParticipantCheckStalled(filter.CreateLogger(WatchdogFirstTickFilter.WatchdogCategory), TimeSpan.FromSeconds(25), null);

        var record = Assert.Single(_collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal(WatchdogFirstTickFilter.WatchdogCategory, record.Category);
        Assert.StartsWith("Participant check thread has not completed for 00:00:25,", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_watchdog_warnings_pass_whatever_they_report()
    {
        using var filter = new WatchdogFirstTickFilter(new FakeLoggerProvider(_collector), _time);
        var watchdog = filter.CreateLogger(WatchdogFirstTickFilter.WatchdogCategory);

        // Same event id and value name as the artifact, another message: the platform check never has the start-up flaw.
        PlatformStalled(watchdog, TimeSpan.FromHours(6), TimeSpan.Zero, 100, 1, 0, 0, null);
        watchdog.LogWarning(WatchdogFirstTickFilter.StallEventId, "Participant check thread has not completed for {Other}", TimeSpan.FromHours(6));

        Assert.Equal(2, _collector.GetSnapshot().Count);
        Assert.StartsWith(".NET Runtime Platform stalled for 06:00:00.", _collector.GetSnapshot()[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_categories_get_the_inner_logger_unchanged()
    {
        using var filter = new WatchdogFirstTickFilter(new FakeLoggerProvider(_collector), _time);

        var logger = filter.CreateLogger("Orleans.Runtime.Silo");
        ParticipantCheckStalled(logger, TimeSpan.FromHours(6), null);

        Assert.IsType<FakeLogger>(logger);
        Assert.Single(_collector.GetSnapshot());
    }
}
