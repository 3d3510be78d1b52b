namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>
/// Returned by <see cref="RuntimeContext.Push"/>; disposing it restores the caller that was current before the push.
/// Dispose it in the same flow that pushed it (a <c>using</c> statement does that).
/// </summary>
public sealed class RuntimeContextScope : IDisposable
{
    private readonly Caller? _previous;
    private int _disposed;

    internal RuntimeContextScope(Caller caller, Caller? previous)
    {
        Caller = caller;
        _previous = previous;
    }

    /// <summary>The caller this scope pushed.</summary>
    public Caller Caller { get; }

    public void Dispose()
    {
        // Restoring twice would clobber whatever a later push installed, so only the first call counts.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            RuntimeContext.Restore(_previous);
        }
    }
}
