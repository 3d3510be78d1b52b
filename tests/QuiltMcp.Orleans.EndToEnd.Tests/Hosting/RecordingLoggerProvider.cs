using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

/// <summary>Keeps every log event of a host so tests can assert on what the server reported.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId Id, string Message)> _events = new();

    public IReadOnlyList<(string Category, EventId Id, string Message)> Events => [.. _events];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _events);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<(string, EventId, string)> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue((category, eventId, formatter(state, exception)));
    }
}
