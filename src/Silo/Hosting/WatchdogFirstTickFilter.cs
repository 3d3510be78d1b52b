using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>
/// The console log provider less one false warning Orleans 10.4 writes at most starts: "Participant check thread has
/// not completed for 06:05:00…". Its watchdog starts the thread that looks for stalls before it records when the
/// component check last ran, so that thread's first look measures from timestamp zero and reports the machine's
/// uptime as a stall. No option avoids it (the watchdog is internal and always runs). A stall longer than this
/// provider has existed cannot be real: the provider is built before the silo starts its watchdog. So exactly that
/// case is dropped; a real stall, and every other event, passes.
/// </summary>
/// <remarks>The alias keeps the <c>Logging:Console</c> settings applying to the console provider inside.</remarks>
[ProviderAlias("Console")]
public sealed class WatchdogFirstTickFilter : ILoggerProvider, ISupportExternalScope
{
    public const string WatchdogCategory = "Orleans.Runtime.Watchdog";

    /// <summary>Orleans' <c>ErrorCode.SiloHeartbeatTimerStalled</c>, shared by the platform and the component stall warnings.</summary>
    public const int StallEventId = 100150;

    private const string ParticipantCheckMessage = "Participant check thread has not completed";
    private const string StallValue = "TimeSinceLastTick";

    private readonly ILoggerProvider _inner;
    private readonly TimeProvider _time;
    private readonly long _createdAt;

    /// <param name="inner">The provider that writes the log.</param>
    /// <param name="time">The clock Orleans' watchdog measures with (the system clock unless a test replaces it).</param>
    public WatchdogFirstTickFilter(ILoggerProvider inner, TimeProvider time)
    {
        _inner = inner;
        _time = time;
        _createdAt = time.GetTimestamp();
    }

    public ILogger CreateLogger(string categoryName)
    {
        var logger = _inner.CreateLogger(categoryName);
        return categoryName == WatchdogCategory ? new FilteringLogger(logger, this) : logger;
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (_inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => _inner.Dispose();

    /// <summary>True for the participant-check stall warning whose stall began before this provider existed.</summary>
    public bool IsFirstTickArtifact<TState>(EventId eventId, TState state)
    {
        if (eventId.Id != StallEventId || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return false;
        }

        var isParticipantCheck = false;
        TimeSpan? stall = null;
        foreach (var (key, value) in values)
        {
            if (key == "{OriginalFormat}" && value is string format)
            {
                isParticipantCheck = format.StartsWith(ParticipantCheckMessage, StringComparison.Ordinal);
            }
            else if (key == StallValue && value is TimeSpan reported)
            {
                stall = reported;
            }
        }

        return isParticipantCheck && stall > _time.GetElapsedTime(_createdAt);
    }

    private sealed class FilteringLogger(ILogger inner, WatchdogFirstTickFilter filter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!filter.IsFirstTickArtifact(eventId, state))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
