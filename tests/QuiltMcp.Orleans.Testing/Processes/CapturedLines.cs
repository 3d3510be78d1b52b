namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>
/// The lines a child process writes to one stream, kept as they arrive, so a test can wait for a given line (an
/// event) instead of sleeping and hoping it was written by then.
/// </summary>
public sealed class CapturedLines
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();
    private readonly List<Waiter> _waiters = [];
    private readonly int? _keep;
    private bool _ended;

    /// <param name="keep">Keep only the newest this many lines (a long benchmark run); null keeps every line.</param>
    public CapturedLines(int? keep = null) => _keep = keep;

    /// <summary>Every line kept so far, in order.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Records a line; null means the stream ended (the process closed it or exited).</summary>
    public void Add(string? line)
    {
        List<Waiter> woken;
        lock (_gate)
        {
            if (line is null)
            {
                _ended = true;
                woken = [.. _waiters];
                _waiters.Clear();
            }
            else
            {
                _lines.Enqueue(line);
                if (_keep is { } keep && _lines.Count > keep)
                {
                    _lines.Dequeue();
                }

                woken = _waiters.Where(waiter => waiter.Matches(line)).ToList();
                _waiters.RemoveAll(woken.Contains);
            }
        }

        foreach (var waiter in woken)
        {
            if (line is null)
            {
                waiter.Found.TrySetException(new EndOfStreamException("the stream ended before the line was written"));
            }
            else
            {
                waiter.Found.TrySetResult(line);
            }
        }
    }

    /// <summary>
    /// The first line, already written or still to come, that <paramref name="matches"/>. Fails with
    /// <see cref="EndOfStreamException"/> when the stream ends first, and is cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<string> WaitForAsync(Func<string, bool> matches, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(matches);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(matches) is { } seen)
            {
                return seen;
            }

            if (_ended)
            {
                throw new EndOfStreamException("the stream ended before the line was written");
            }

            _waiters.Add(waiter);
        }

        await using var registration = cancellationToken.Register(() => waiter.Found.TrySetCanceled(cancellationToken));
        return await waiter.Found.Task;
    }

    /// <summary>The kept lines, one per line, as the process wrote them.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return string.Concat(_lines.Select(line => line + "\n"));
        }
    }

    private sealed record Waiter(Func<string, bool> Matches)
    {
        public TaskCompletionSource<string> Found { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
