using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Dependencies;

/// <summary>
/// The calls of one kind a test made during a dependency failure, on one clock shared with the test's events
/// (outage start, end), so figures can be taken for any window: calls, failures, the longest call, the first success.
/// </summary>
public sealed class CallLog(Stopwatch clock)
{
    private readonly ConcurrentQueue<CallOutcome> _outcomes = new();

    public IReadOnlyList<CallOutcome> Outcomes => _outcomes.ToArray();

    /// <summary>Runs one call, timing it; an exception is a failure named by its type (the call's own detail otherwise).</summary>
    public async Task<CallOutcome> RecordAsync(Func<Task<(bool Succeeded, string Detail)>> call)
    {
        var started = clock.Elapsed;
        CallOutcome outcome;
        try
        {
            var (succeeded, detail) = await call();
            outcome = new CallOutcome(started, clock.Elapsed - started, succeeded, detail);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or IOException)
        {
            outcome = new CallOutcome(started, clock.Elapsed - started, false, failure.GetType().Name);
        }

        _outcomes.Enqueue(outcome);
        return outcome;
    }

    /// <summary>The calls that overlapped the window [from, to).</summary>
    public IReadOnlyList<CallOutcome> Between(TimeSpan from, TimeSpan to) =>
        Outcomes.Where(outcome => outcome.StartedAt < to && outcome.EndedAt >= from).ToArray();

    /// <summary>The calls that started at or after <paramref name="from"/>.</summary>
    public IReadOnlyList<CallOutcome> StartedFrom(TimeSpan from) => Outcomes.Where(outcome => outcome.StartedAt >= from).ToArray();

    /// <summary>"n calls, f failed, longest x s": the figures the issue asks each dependency test to print.</summary>
    public static string Summary(IReadOnlyCollection<CallOutcome> outcomes) => string.Create(CultureInfo.InvariantCulture,
        $"{outcomes.Count} calls, {outcomes.Count(o => !o.Succeeded)} failed, longest {(outcomes.Count == 0 ? 0 : outcomes.Max(o => o.Duration.TotalSeconds)):F2} s");
}
