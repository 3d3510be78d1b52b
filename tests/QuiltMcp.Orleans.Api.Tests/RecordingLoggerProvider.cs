using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Api.Tests;

/// <summary>Keeps every log line written through it (category, event id, formatted message), for tests that assert decisions are logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<RecordedLog> _logs = [];

    public IReadOnlyList<RecordedLog> Logs
    {
        get
        {
            lock (_logs)
            {
                return [.. _logs];
            }
        }
    }

    public IReadOnlyList<string> Messages => [.. Logs.Select(log => log.Message)];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._logs)
            {
                owner._logs.Add(new RecordedLog(category, eventId.Id, formatter(state, exception)));
            }
        }
    }
}

/// <summary>One log line as <see cref="RecordingLoggerProvider"/> saw it.</summary>
internal sealed record RecordedLog(string Category, int EventId, string Message);
