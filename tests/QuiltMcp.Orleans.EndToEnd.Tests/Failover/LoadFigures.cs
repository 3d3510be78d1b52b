using System.Globalization;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>What a test under <see cref="ContinuousLoad"/> prints about one event (a kill, a restart): measured, for the docs.</summary>
/// <param name="Calls">Calls answered over the whole run.</param>
/// <param name="CallsPerSecond">Over the whole run.</param>
/// <param name="Failures">Every failed call, oldest first.</param>
/// <param name="LongestDuringEvent">The longest call that was running at some moment of the event.</param>
/// <param name="LastFailureAfterEventStart">From the event's start to the end of the last failed call, or null with none.</param>
public sealed record LoadFigures(int Calls, double CallsPerSecond, IReadOnlyList<LoadCall> Failures, TimeSpan LongestDuringEvent, TimeSpan? LastFailureAfterEventStart)
{
    /// <summary>Figures of <paramref name="calls"/> about an event from <paramref name="eventStart"/> to <paramref name="eventEnd"/>.</summary>
    public static LoadFigures Of(IReadOnlyList<LoadCall> calls, TimeSpan eventStart, TimeSpan eventEnd)
    {
        var failures = calls.Where(call => call.Failed).OrderBy(call => call.End).ToList();
        var span = calls.Count == 0 ? TimeSpan.Zero : calls.Max(call => call.End) - calls.Min(call => call.Start);
        var duringEvent = calls.Where(call => call.Overlaps(eventStart, eventEnd)).ToList();
        return new LoadFigures(
            calls.Count,
            span > TimeSpan.Zero ? calls.Count / span.TotalSeconds : 0,
            failures,
            duringEvent.Count == 0 ? TimeSpan.Zero : duringEvent.Max(call => call.Duration),
            failures.Count == 0 ? null : failures[^1].End - eventStart);
    }

    public override string ToString()
    {
        var last = LastFailureAfterEventStart is { } after ? Seconds(after) : "none";
        var samples = Failures.Take(5).Select(call => $"\n  at {Seconds(call.End)} after {Seconds(call.Duration)}: {call.Failure}");
        return $"{Calls} calls ({CallsPerSecond.ToString("F0", CultureInfo.InvariantCulture)}/s), {Failures.Count} failed, "
            + $"longest call during the event {Seconds(LongestDuringEvent)}, last failure after the event's start {last}"
            + string.Concat(samples);
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
}
