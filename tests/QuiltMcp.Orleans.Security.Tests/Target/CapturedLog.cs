using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>
/// Everything the server logs, as text an operator's log store would hold: category, event id, the formatted message,
/// every structured value and the exception with its stack. The confidentiality checks search it.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public int Count => _lines.Count;

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The lines logged after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<string> Since(int skip) => [.. _lines.Skip(skip)];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : "";
            lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
