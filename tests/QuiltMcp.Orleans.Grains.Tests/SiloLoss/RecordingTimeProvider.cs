using Microsoft.Extensions.Time.Testing;

namespace QuiltMcp.Orleans.Grains.Tests.SiloLoss;

/// <summary>A fake clock that also records every timer created on it: the pauses the code under test waits for, in order.</summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _timers = [];

    public RecordingTimeProvider()
        : base(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public IReadOnlyList<TimeSpan> Timers
    {
        get
        {
            lock (_gate)
            {
                return [.. _timers];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Add(dueTime);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
