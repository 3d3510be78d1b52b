namespace QuiltMcp.Orleans.Api.Health;

/// <summary>
/// Counts requests the server is still working on, so a graceful stop can wait for them before anything is
/// cancelled. Long-lived MCP GET streams are not counted: they carry no work and would hold a stop forever.
/// </summary>
public sealed class InFlightRequests
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public IDisposable Begin()
    {
        Interlocked.Increment(ref _count);
        return new Completion(this);
    }

    /// <summary>Completes when no request is in flight, or false when <paramref name="timeout"/> ran out first.</summary>
    public async Task<bool> WaitForIdleAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var deadline = timeProvider.GetUtcNow() + timeout;
        while (Count > 0)
        {
            if (timeProvider.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }

        return true;
    }

    private sealed class Completion(InFlightRequests owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref owner._count);
            }
        }
    }
}
