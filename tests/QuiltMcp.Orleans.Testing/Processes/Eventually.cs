namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>
/// Waits for something another thread or process makes true, by asking again every few milliseconds until a deadline.
/// The deadline is generous on purpose: it only bounds how long a broken build hangs, it is never a claim about speed.
/// Tests use this (or an event, or a fake clock) instead of sleeping for "long enough".
/// </summary>
public static class Eventually
{
    /// <summary>How often the condition is asked again: short, so a test waits little more than it must.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Completes as soon as <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> at the deadline.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan within, string what) =>
        TrueAsync(() => Task.FromResult(condition()), within, what);

    /// <inheritdoc cref="TrueAsync(Func{bool}, TimeSpan, string)"/>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what) =>
        await ValueAsync(condition, satisfied => satisfied, within, what);

    /// <summary>Asks <paramref name="probe"/> until its answer is <paramref name="accepted"/> and returns that answer.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> accepted, TimeSpan within, string what, TimeSpan? every = null)
    {
        using var deadline = new CancellationTokenSource(within);
        while (true)
        {
            var value = await probe();
            if (accepted(value))
            {
                return value;
            }

            try
            {
                await Task.Delay(every ?? PollInterval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what}: not seen within {within} (last seen: {value}).");
            }
        }
    }
}
