namespace QuiltMcp.Orleans.Api.Context;

/// <summary>
/// Returned by <see cref="RuntimeContext.Push"/>; disposing it restores the context that was current before
/// the push. Dispose it in the same flow that pushed it (a <c>using</c> statement does that).
/// </summary>
public sealed class RuntimeContextScope : IDisposable
{
    private readonly RuntimeContextState? _previous;
    private int _disposed;

    internal RuntimeContextScope(RuntimeContextState state, RuntimeContextState? previous)
    {
        State = state;
        _previous = previous;
    }

    /// <summary>The state this scope pushed.</summary>
    public RuntimeContextState State { get; }

    public void Dispose()
    {
        // Restoring twice would clobber whatever a later push installed, so only the first call counts.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            RuntimeContext.Restore(_previous);
        }
    }
}
